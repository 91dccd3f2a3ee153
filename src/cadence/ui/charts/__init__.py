"""pyqtgraph charts of the measures: time axes, bars, lines, the calendar heat map, hover and
click, and offscreen images of them for printed reports (`images.render_chart_image`)."""
