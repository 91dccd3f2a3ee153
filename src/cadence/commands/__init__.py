"""One module per command of the command line (see cadence.cli).

COMMANDS names each command's module, so that starting the window (no command given) imports
none of them: recognising a command word costs nothing. tests/test_cli.py keeps this table equal
to the modules' own NAMEs.
"""

COMMANDS: dict[str, str] = {
    "backup": "backup",
    "backups": "backups",
    "check": "check",
    "demo": "demo",
    "experiments": "experiments",
    "export": "export",
    "import": "import_cmd",
    "report": "report",
    "restore": "restore",
    "restore-backup": "restore_backup",
    "screenshot": "screenshot",
    "stats": "stats",
    "studio": "studio",
}
