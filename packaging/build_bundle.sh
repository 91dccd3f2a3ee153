#!/usr/bin/env bash
# Build everything `make package` promises, from a clean slate:
#   dist/cadence_journal-<version>-py3-none-any.whl and dist/cadence_journal-<version>.tar.gz
#   dist/cadence/           the PyInstaller one-folder bundle (run dist/cadence/cadence)
#   dist/cadence/share/     desktop file, AppStream metainfo, MIME types and icons for that bundle
#   dist/cadence/install-desktop.sh   installs those for the user and links ~/.local/bin/cadence
# PYTHON is the interpreter that has `build` and `pyinstaller` installed (default: .venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"

for module in build PyInstaller; do
    if ! "$PYTHON" -c "import $module" 2>/dev/null; then
        echo "build_bundle.sh: $PYTHON has no '$module'; install it with:" >&2
        echo "    $PYTHON -m pip install build pyinstaller" >&2
        exit 2
    fi
done

# The committed PNG icons must match the SVG they are rendered from.
QT_QPA_PLATFORM=offscreen "$PYTHON" packaging/make_icons.py --check

rm -rf dist/cadence build/pyinstaller
echo "== wheel and sdist"
"$PYTHON" -m build --outdir dist .

echo "== PyInstaller bundle"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/cadence.spec

echo "== desktop integration files"
packaging/install_desktop.sh --prefix dist/cadence --no-caches
install -m755 packaging/install_desktop.sh dist/cadence/install-desktop.sh

echo "== done"
ls -1 dist
du -sh dist/cadence
