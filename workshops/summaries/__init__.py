"""Workshop summaries and comments between workshops."""
