"""The season: goal events and training cycles (seasons), weekly reviews (reviews), rehearsing
an event's demands and rating focus targets (rehearsals; a session's links to them are
session_links, saved with the session), and how each focus target is going (focus_progress)."""
