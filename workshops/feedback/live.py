"""How the feedback step runs live: the form on the phones, counts in the cockpit and room."""

from workshops.live.kinds import LiveKind

FEEDBACK = LiveKind(template="feedback/live.html")
