"""Participants between workshops: personal return links, invitations, e-mail, calendars."""
