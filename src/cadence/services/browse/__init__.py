"""Reading the journal a page at a time: the session tables of Music and Running (listing) and
the Journal's calendar (calendar), straight from SQL however large the journal."""
