"""Format overrides (FORMAT_MODULE_PATH): only what differs from Django's own locale formats.

Finnish keeps Django's (3.12.2026, 17.30). Swedish follows the Finland-Swedish convention that
Finnish authorities use in Swedish (3.12.2026, 17.30) rather than Sweden's 2026-12-03.
English, read here by people in Finland, avoids the US month-first date and the 12-hour
clock: 3 Dec 2026, 17:30.
"""
