"""A whole journal in and out as files: the JSON export (lossless) and its restore, on SQLite
or a server; CSV tables; an iCalendar of plans and goal events. (Reading other apps' files is
`services/imports/`.)"""
