"""What every plot widget of ours sets on its pyqtgraph view (`Chart`, the tempo chart), and the
plot item they draw in (`PlainPlotItem`)."""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable, Mapping

import pyqtgraph as pg
from pyqtgraph import icons
from pyqtgraph.WidgetGroup import WidgetGroup
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsGridLayout, QGraphicsView, QListWidgetItem, QSizePolicy

from cadence.ui.charts.axes import ValueAxis
from cadence.ui.weak import held


def without_background_cache(view: pg.GraphicsView) -> None:
    """pyqtgraph's views keep their background as a pixmap the size of the view (Qt's
    CacheBackground), to copy from instead of filling it again. Our backgrounds are one plain
    colour, cheaper to fill than to copy, and each pixmap held about 0.9 MB per chart shown (a
    chart 1,000 pixels wide): twelve charts once every view has been shown. The pictures are the
    same to the pixel (docs/performance.md)."""
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)


def without_hidden_axis_labels(plot: pg.PlotItem) -> None:
    """pyqtgraph's plot makes four axes and shows two (left, bottom). The hidden ones follow
    every change of the range all the same, and each time typeset their label again
    (`QGraphicsTextItem.setHtml`) for pyqtgraph's SI prefix (x1e+03), which is shown only in a
    label with units: eight typesettings of empty labels a switch of the Load tab's range.
    A hidden axis shows no label, so it needs no prefix; the axes shown are left as they are."""
    for name in ("top", "right", "left", "bottom"):
        axis = plot.getAxis(name)
        if not axis.isVisibleTo(plot) and axis.autoSIPrefix:
            axis.enableAutoSIPrefix(False)


# --- pyqtgraph's "Plot Options" form, as values --------------------------------------------------


class _Signal:
    """A widget's signal: the slots PlotItem connects, called in the order connected, each with
    as many of the signal's arguments as it takes (as Qt calls a slot that takes fewer).

    A bound method is held weakly, as Qt holds a connection: the plot item's own slots must not
    keep it alive through its options, or every chart would wait for Python's cyclic collector,
    which then destroys its Qt items at any moment, even inside a signal's disconnect (where
    Qt's lock is already held: a deadlock)."""

    __slots__ = ("_slots",)

    def __init__(self) -> None:
        self._slots: list[tuple[Callable[[], Callable[..., object] | None], int | None]] = []

    def connect(self, slot: Callable[..., object]) -> None:
        taken: int | None = 0
        for parameter in inspect.signature(slot).parameters.values():
            if parameter.kind is parameter.VAR_POSITIONAL:
                taken = None  # all of them
                break
            if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
                taken += 1
        self._slots.append((held(slot), taken))

    def emit(self, *args: object) -> None:
        for kept, taken in list(self._slots):
            slot = kept()
            if slot is not None:
                slot(*(args if taken is None else args[:taken]))


class _Check:
    """A check box or a checkable group box: `toggled` only when the state changes (as Qt)."""

    def __init__(self, checked: bool = False) -> None:
        self._checked = checked
        self.toggled = _Signal()

    def isChecked(self) -> bool:  # Qt's names, as PlotItem calls them
        return self._checked

    def setChecked(self, checked: bool) -> None:
        checked = bool(checked)
        if checked != self._checked:
            self._checked = checked
            self.toggled.emit(checked)


class _Radio(_Check):
    """A radio button, exclusive among its siblings as Qt's are: checking one unchecks the one
    that was (its `toggled` first), and the checked one cannot be unchecked by itself."""

    def __init__(self, siblings: list[weakref.ref[_Radio]], checked: bool = False) -> None:
        super().__init__(checked)
        self._siblings = siblings  # held weakly: each radio is in the list it holds (a cycle)
        siblings.append(weakref.ref(self))

    def setChecked(self, checked: bool) -> None:
        if not checked or self._checked:
            return
        self._checked = True
        for sibling in self._siblings:
            other = sibling()
            if other is not None and other is not self and other._checked:
                other._checked = False
                other.toggled.emit(False)
        self.toggled.emit(True)


class _Number:
    """A slider or a spin box: values kept within its range, `valueChanged` when one changes."""

    def __init__(self, value: int, minimum: int, maximum: int) -> None:
        self._value, self._minimum, self._maximum = value, minimum, maximum
        self.valueChanged = _Signal()

    def value(self) -> int:
        return self._value

    def minimum(self) -> int:
        return self._minimum

    def maximum(self) -> int:
        return self._maximum

    def setValue(self, value: int) -> None:
        value = min(max(int(value), self._minimum), self._maximum)
        if value != self._value:
            self._value = value
            self.valueChanged.emit(value)


class _ItemList:
    """The list of parameters to average by: what PlotItem asks of its QListWidget."""

    def __init__(self) -> None:
        self._items: list[QListWidgetItem] = []
        self.itemClicked = _Signal()

    def count(self) -> int:
        return len(self._items)

    def item(self, row: int) -> QListWidgetItem:
        return self._items[row]

    def findItems(self, text: str, flags: Qt.MatchFlag) -> list[QListWidgetItem]:
        if flags != Qt.MatchFlag.MatchExactly:  # the only match PlotItem asks for
            raise ValueError(f"only exact matches are kept: {flags!r}")
        return [item for item in self._items if item.text() == text]

    def addItem(self, item: QListWidgetItem) -> None:
        self._items.append(item)

    def clear(self) -> None:
        self._items.clear()


class PlotOptions:
    """The state of pyqtgraph's "Plot Options" form (`plotConfigTemplate_generic.Ui_Form`),
    under the same names and with the same first values, without its forty widgets. PlotItem
    reads and sets the form in `showGrid`, `setLogMode`, `setDownsampling`, `setClipToView`,
    when an item is added and more; these values answer it the same way."""

    def __init__(self) -> None:
        self.averageGroup = _Check(False)
        self.avgParamList = _ItemList()
        self.clipToViewCheck = _Check()
        self.maxTracesCheck = _Check()
        self.downsampleCheck = _Check()
        radios: list[weakref.ref[_Radio]] = []
        self.peakRadio = _Radio(radios, checked=True)
        self.meanRadio = _Radio(radios)
        self.subsampleRadio = _Radio(radios)
        self.maxTracesSpin = _Number(0, 0, 99)
        self.forgetTracesCheck = _Check()
        self.autoDownsampleCheck = _Check(True)
        self.downsampleSpin = _Number(1, 1, 100000)
        self.logXCheck = _Check()
        self.derivativeCheck = _Check()
        self.phasemapCheck = _Check()
        self.fftCheck = _Check()
        self.logYCheck = _Check()
        self.subtractMeanCheck = _Check()
        self.pointsGroup = _Check(True)
        self.autoPointsCheck = _Check(True)
        self.xGridCheck = _Check()
        self.yGridCheck = _Check()
        self.gridAlphaSlider = _Number(128, 0, 255)
        self.alphaGroup = _Check(True)
        self.autoAlphaCheck = _Check(False)
        self.alphaSlider = _Number(1000, 0, 1000)


class _NoMenu:
    """Where PlotItem keeps its options menu: none here (`close` lets it go, and
    `setContextMenuActionVisible` finds no action to show or hide)."""

    def setParent(self, parent: object) -> None:
        pass

    def actions(self) -> tuple[()]:
        return ()


def _with_value_axes(axis_items: Mapping[str, pg.AxisItem] | None) -> dict[str, pg.AxisItem]:
    """The axes given, and our `ValueAxis` for a shown one not given (left, bottom) where
    pyqtgraph would make its own `AxisItem`: the same ticks, pens and layout (tested against
    pyqtgraph's), laid out with less Python. Top and right are left to pyqtgraph: an axis
    given is shown."""
    axes = dict(axis_items) if axis_items is not None else {}
    for name in ("bottom", "left"):
        if name not in axes:
            axes[name] = ValueAxis(name)
    return axes


class PlainPlotItem(pg.PlotItem):
    """pyqtgraph's PlotItem without its "Plot Options" form and menu.

    PlotItem builds that form (about forty widgets, a menu of six submenus) for every plot, even
    with its menu off: 0.28 MB a chart, and fourteen charts are made once every view has been
    shown. Our charts never offer that menu; `ctrl` is a `PlotOptions` in its place, so
    everything PlotItem does with the form (grid, log mode, downsampling, clip to view, alpha,
    points, averaging) works as before. `__init__` is PlotItem's own (pyqtgraph 0.14) up to the
    form, then connects the same slots to the values; the view box's menu is off unless asked.
    A left or bottom axis not given is our `ValueAxis` rather than pyqtgraph's `AxisItem`.
    """

    def __init__(
        self,
        viewBox: pg.ViewBox | None = None,
        axisItems: Mapping[str, pg.AxisItem] | None = None,
        enableMenu: bool = False,
    ) -> None:
        pg.GraphicsWidget.__init__(self, None)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.autoBtn = pg.ButtonItem(icons.getGraphPixmap("auto"), 14, self)
        self.autoBtn.mode = "auto"  # pyright: ignore[reportAttributeAccessIssue] (pyqtgraph's own)
        self.autoBtn.clicked.connect(self.autoBtnClicked)
        self.buttonsHidden = False
        self.mouseHovering = False
        grid = QGraphicsGridLayout()
        # pyqtgraph keeps its grid under the name of Qt's getter
        self.layout = grid  # pyright: ignore[reportAttributeAccessIssue]
        grid.setContentsMargins(1, 1, 1, 1)
        self.setLayout(grid)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(0)
        if viewBox is None:
            viewBox = pg.ViewBox(parent=self, enableMenu=enableMenu)
        self.vb = viewBox
        viewBox.sigStateChanged.connect(self.viewStateChanged)
        # None leaves the view box's menu as it is (pyqtgraph's docstring; its annotation says str)
        self.setMenuEnabled(enableMenu, None)  # pyright: ignore[reportArgumentType]
        viewBox.sigRangeChanged.connect(self.sigRangeChanged)
        viewBox.sigXRangeChanged.connect(self.sigXRangeChanged)
        viewBox.sigYRangeChanged.connect(self.sigYRangeChanged)
        viewBox.sigRangeChangedManually.connect(self.sigRangeChangedManually)
        grid.addItem(viewBox, 2, 1)
        self.alpha = 1.0
        self.autoAlpha = True
        self.spectrumMode = False
        self.legend = None
        self.axes = {}
        self.setAxisItems(_with_value_axes(axisItems))
        self.titleLabel = pg.LabelItem("", size="11pt", parent=self)
        grid.addItem(self.titleLabel, 0, 1)
        self.setTitle(None)
        for i in range(4):
            grid.setRowPreferredHeight(i, 0)
            grid.setRowMinimumHeight(i, 0)
            grid.setRowSpacing(i, 0)
            grid.setRowStretchFactor(i, 1)
        for i in range(3):
            grid.setColumnPreferredWidth(i, 0)
            grid.setColumnMinimumWidth(i, 0)
            grid.setColumnSpacing(i, 0)
            grid.setColumnStretchFactor(i, 1)
        grid.setRowStretchFactor(2, 100)
        grid.setColumnStretchFactor(1, 100)
        self.items = []
        self.curves = []
        self.itemMeta = weakref.WeakKeyDictionary()
        self.dataItems = []
        self.paramList = {}
        self.avgCurves = {}
        self.avgPen = pg.mkPen((0, 200, 0))
        self.avgShadowPen = pg.mkPen((0, 0, 0), width=4)
        # --- in place of the form and its menu
        self.ctrl = c = PlotOptions()
        self.ctrlMenu = _NoMenu()
        self.stateGroup = WidgetGroup()
        self.fileDialog = None
        c.alphaGroup.toggled.connect(self.updateAlpha)
        c.alphaSlider.valueChanged.connect(self.updateAlpha)
        c.autoAlphaCheck.toggled.connect(self.updateAlpha)
        c.xGridCheck.toggled.connect(self.updateGrid)
        c.yGridCheck.toggled.connect(self.updateGrid)
        c.gridAlphaSlider.valueChanged.connect(self.updateGrid)
        c.fftCheck.toggled.connect(self.updateSpectrumMode)
        c.subtractMeanCheck.toggled.connect(self.updateSubtractMeanMode)
        c.logXCheck.toggled.connect(self.updateLogMode)
        c.logYCheck.toggled.connect(self.updateLogMode)
        c.derivativeCheck.toggled.connect(self.updateDerivativeMode)
        c.phasemapCheck.toggled.connect(self.updatePhasemapMode)
        c.downsampleSpin.valueChanged.connect(self.updateDownsampling)
        c.downsampleCheck.toggled.connect(self.updateDownsampling)
        c.autoDownsampleCheck.toggled.connect(self.updateDownsampling)
        c.subsampleRadio.toggled.connect(self.updateDownsampling)
        c.meanRadio.toggled.connect(self.updateDownsampling)
        c.clipToViewCheck.toggled.connect(self.updateDownsampling)
        c.avgParamList.itemClicked.connect(self.avgParamListClicked)
        c.averageGroup.toggled.connect(self.avgToggled)
        c.maxTracesCheck.toggled.connect(self._handle_max_traces_toggle)
        c.forgetTracesCheck.toggled.connect(self.updateDecimation)
        c.maxTracesSpin.valueChanged.connect(self.updateDecimation)

    def getMenu(self) -> None:  # pyqtgraph's name
        return None

    def getContextMenus(self, event: object) -> None:  # pyqtgraph's name
        return None
