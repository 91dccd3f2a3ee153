"""`python -m cadence` and the `cadence` launcher."""

from cadence.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
