"""A generator of demo journals (generate), by craft (music, running), its world and its words."""
