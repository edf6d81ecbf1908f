"""Live facilitation: going live, joining, notes, the change log and polling."""
