"""Storage: the SQLite journal file, its Peewee models, migrations and backups. No Qt."""
