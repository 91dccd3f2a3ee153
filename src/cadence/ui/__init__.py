"""The Qt user interface. The only layer that imports PySide6 or pyqtgraph."""

import PySide6.QtCore  # noqa: F401  (loads shiboken's import hook, wrapped below)

from cadence.ui.qt_import_memory import forget_sources_read_on_import

forget_sources_read_on_import()
