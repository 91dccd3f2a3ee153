#!/usr/bin/env bash
# Build everything `make package` promises, from a clean slate:
#   dist/cadence_journal-<version>-py3-none-any.whl and dist/cadence_journal-<version>.tar.gz
#   dist/cadence/           the PyInstaller one-folder bundle (run dist/cadence/cadence)
#   dist/cadence/share/     desktop file, AppStream metainfo, MIME types and icons for that bundle
# PYTHON is the interpreter that has `build` and `pyinstaller` installed (default: .venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
APP_ID="io.github.cadencejournal.Cadence"

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
share=dist/cadence/share
install -Dm644 "packaging/$APP_ID.desktop" "$share/applications/$APP_ID.desktop"
install -Dm644 "packaging/$APP_ID.metainfo.xml" "$share/metainfo/$APP_ID.metainfo.xml"
install -Dm644 "packaging/mime/$APP_ID-mime.xml" "$share/mime/packages/$APP_ID.xml"
install -Dm644 "resources/icons/$APP_ID.svg" "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in packaging/icons/hicolor/*/apps/"$APP_ID.png"; do
    size_dir=$(basename "$(dirname "$(dirname "$png")")")
    install -Dm644 "$png" "$share/icons/hicolor/$size_dir/apps/$APP_ID.png"
done

echo "== done"
ls -1 dist
du -sh dist/cadence
