# e2b-local: display set-up for Python (ipykernel) kernels.
#
# The server runs this file as a *silent* cell in every new Python kernel and again after every
# restart. It makes the kernel's display messages carry the extra MIME types that the E2B
# code-interpreter protocol expects (see PROTOCOL-NEXT.md section 1.3):
#
#   e2b/data          pandas DataFrame  -> {column name: [values, ...]}         (result field "data")
#   e2b/chart         matplotlib Figure -> chart description (line, bar, ...)   (result field "chart")
#   application/json  a plain list/dict as a cell value -> the same value as JSON (result field "json")
#
# Rules this file follows:
#   * Nothing heavy is imported at kernel start. pandas, numpy and matplotlib are only looked up in
#     sys.modules; an object of one of their types can only exist once the user has imported them.
#   * Every helper lives inside _e2b_kernel_setup(), which deletes itself at the end, so the user's
#     namespace (dir(), %who) gains nothing.
#   * A formatter never raises: any failure is swallowed and the MIME type is just left out.
#     (IPython would otherwise print a formatter traceback into the user's output.)
#   * Running the file twice in one process is harmless (formatters are replaced, patches are
#     applied once).


def _e2b_kernel_setup():
    import sys

    try:
        from IPython import get_ipython

        shell = get_ipython()
    except Exception:
        return
    if shell is None or not hasattr(shell, "display_formatter"):
        return

    import datetime as dt
    import json
    import math
    import numbers
    import os
    import re

    from IPython.core.formatters import BaseFormatter
    from IPython.utils.dir2 import get_real_method
    from traitlets import ObjectName, Unicode

    # ------------------------------------------------------------------------------------------
    # JSON conversion shared by all formatters
    # ------------------------------------------------------------------------------------------

    max_depth = 100

    class Unsupported(Exception):
        """A value that strict JSON conversion does not accept."""

    def iso(value):
        # datetime / date / time / pandas Timestamp -> ISO 8601 text; NaT -> None.
        try:
            if value != value:  # NaT is the only datetime that is unequal to itself
                return None
        except Exception:
            pass
        try:
            return value.isoformat()
        except Exception:
            return str(value)

    def finite(number):
        return number if math.isfinite(number) else None

    def numpy_array_items(np, array):
        # An ndarray as a list of Python objects. datetime64 is widened to microseconds first,
        # because tolist() on nanosecond datetimes yields bare integers. Masked entries -> None.
        if array.dtype.kind == "M":
            array = array.astype("datetime64[us]")
        return array.tolist()

    def numpy_scalar(np, value, strict, depth):
        if isinstance(value, np.datetime64):
            if np.isnat(value):
                return None
            item = value.astype("datetime64[us]").item()
            if isinstance(item, (dt.datetime, dt.date)):
                return item.isoformat()
            return str(value)  # outside datetime's range
        if isinstance(value, np.timedelta64):
            if strict:
                raise Unsupported
            return str(value)
        if isinstance(value, np.complexfloating):
            if strict:
                raise Unsupported
            return str(value)
        return to_json(value.item(), strict, depth + 1)

    def key_text(key, strict):
        # Dictionary keys as JSON object keys; the stdlib json module's rules for scalars.
        if isinstance(key, str):
            return str(key)
        if key is None:
            return "null"
        if isinstance(key, bool):
            return "true" if key else "false"
        if isinstance(key, int):
            return str(int(key))
        if isinstance(key, float):
            return repr(float(key))
        np = sys.modules.get("numpy")
        if np is not None and isinstance(key, np.generic):
            converted = numpy_scalar(np, key, strict, 0)
            if isinstance(converted, str):
                return converted
            return key_text(converted, strict)
        if isinstance(key, (dt.datetime, dt.date, dt.time)):
            text = iso(key)
            return "null" if text is None else text
        if strict:
            raise Unsupported
        return str(key)

    def to_json(value, strict, depth=0):
        """Turn value into plain JSON data (dict/list/str/int/float/bool/None, finite floats only).

        strict=True (application/json): raise Unsupported for anything that is not JSON-like.
        strict=False (e2b/data, e2b/chart): fall back to str(value).
        """
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str):
            return str(value)
        if isinstance(value, int):
            return int(value)
        if isinstance(value, float):
            return finite(float(value))
        if depth > max_depth:  # also stops self-referencing containers
            if strict:
                raise Unsupported
            try:
                return str(value)
            except Exception:
                return None
        if isinstance(value, (list, tuple)):
            return [to_json(item, strict, depth + 1) for item in value]
        if isinstance(value, dict):
            return {key_text(k, strict): to_json(v, strict, depth + 1) for k, v in value.items()}
        if isinstance(value, (dt.datetime, dt.date, dt.time)):
            return iso(value)
        np = sys.modules.get("numpy")
        if np is not None:
            if isinstance(value, np.ndarray):
                return to_json(numpy_array_items(np, value), strict, depth + 1)
            if isinstance(value, np.generic):
                return numpy_scalar(np, value, strict, depth)
        if strict:
            raise Unsupported
        pd = sys.modules.get("pandas")
        if pd is not None and value is getattr(pd, "NA", object()):
            return None
        if isinstance(value, dt.timedelta):
            return str(value)
        if isinstance(value, (bytes, bytearray)):
            return bytes(value).decode("utf-8", "replace")
        if isinstance(value, (set, frozenset)):
            return [to_json(item, strict, depth + 1) for item in value]
        # Real numbers (Fraction, ...) and Decimal, which is a Number but not a Real; not complex.
        if isinstance(value, numbers.Number) and (
                isinstance(value, numbers.Real) or not isinstance(value, numbers.Complex)):
            try:
                return finite(float(value))
            except Exception:
                pass
        try:
            if value != value:  # NaN-like objects (Decimal('NaN'), ...)
                return None
        except Exception:
            pass
        return str(value)

    def number(value):
        # A plotted number as a JSON number (None for NaN/inf or anything unconvertible).
        try:
            return finite(float(value))
        except Exception:
            return None

    # ------------------------------------------------------------------------------------------
    # A formatter base that never raises
    # ------------------------------------------------------------------------------------------

    class _E2BFormatter(BaseFormatter):
        """BaseFormatter with IPython's lookup order (registered printers, then the print method),
        but every error is swallowed and anything that is not a dict is dropped."""

        _return_type = (dict,)

        def _e2b_direct(self, obj):
            # Hook for subclasses: (handled, result).
            return False, None

        def __call__(self, obj):
            if not self.enabled:
                return None
            try:
                handled, result = self._e2b_direct(obj)
                if not handled:
                    try:
                        printer = self.lookup(obj)
                    except KeyError:
                        printer = None
                    if printer is not None:
                        result = printer(obj)
                    else:
                        method = get_real_method(obj, self.print_method)
                        result = method() if method is not None else None
                return result if isinstance(result, dict) else None
            except Exception:
                return None

    # ------------------------------------------------------------------------------------------
    # e2b/data: pandas DataFrame -> {column: [values]}
    # ------------------------------------------------------------------------------------------

    def column_values(series):
        # Plain numpy columns take a fast path (they cannot hold pd.NA); everything else
        # (object, nullable Int64/boolean/string, categorical, tz-aware datetimes, ...) goes
        # value by value through to_json().
        np = sys.modules.get("numpy")
        dtype = series.dtype
        if np is not None and isinstance(dtype, np.dtype):
            kind = dtype.kind
            if kind in "iub":
                return series.to_numpy().tolist()
            if kind == "f":
                return [v if math.isfinite(v) else None for v in series.to_numpy().tolist()]
            if kind == "M":  # datetime64 (naive): microsecond ISO strings, NaT -> None
                values = series.to_numpy().astype("datetime64[us]").tolist()
                return [v.isoformat() if isinstance(v, (dt.datetime, dt.date)) else None
                        for v in values]
        return [to_json(v, False) for v in series.tolist()]

    def dataframe_data(frame):
        # Same shape as DataFrame.to_dict(orient="list"): the index is not included, a repeated
        # column name keeps its last column. Column names become strings.
        try:
            result = {}
            columns = list(frame.columns)
            for position, name in enumerate(columns):
                result[key_text(name, False)] = column_values(frame.iloc[:, position])
            # The values are plain JSON by construction. Double-check small frames: a value that
            # does not serialise would make the kernel fail the whole display message (the
            # user would see an error instead of the table). Large frames skip the check, which
            # would cost about as much as the conversion itself.
            if frame.size <= 200_000:
                json.dumps(result, allow_nan=False)
            return result
        except Exception:
            return None

    class _E2BDataFormatter(_E2BFormatter):
        format_type = Unicode("e2b/data")
        print_method = ObjectName("_repr_e2b_data_")

    data_formatter = _E2BDataFormatter(parent=shell.display_formatter)
    # Registered by module and class name, so pandas is not imported here. IPython resolves the
    # name the first time it sees an object whose class (or a base class) is
    # pandas.core.frame.DataFrame, which also covers DataFrame subclasses.
    data_formatter.for_type_by_name("pandas.core.frame", "DataFrame", dataframe_data)

    # ------------------------------------------------------------------------------------------
    # e2b/chart: matplotlib Figure -> chart description
    # ------------------------------------------------------------------------------------------
    #
    # Output shape (field names follow the E2B SDKs' chart types):
    #   every chart:            type, title, elements
    #   line/scatter/bar/box:   + x_label, y_label, x_unit, y_unit
    #   line/scatter:           + x_ticks, x_scale, x_tick_labels, y_ticks, y_scale, y_tick_labels
    #   line/scatter elements:  {label, points: [[x, y], ...]}
    #   bar elements:           {label, value, group}
    #   pie elements:           {label, angle, radius}
    #   box elements:           {label, min, first_quartile, median, third_quartile, max, outliers}
    #   superchart:             elements = one chart per axes, title = the figure's suptitle
    #
    # How an axes is classified (classify() below), from its artists:
    #   * box_and_whisker: the axes holds a median line that our Axes.bxp wrapper marked (see
    #     "boxplot marks" below); the statistics come from that mark, not from the geometry.
    #   * pie: Wedge patches, and no data lines, scatters or bars.
    #   * bar: BarContainers (ax.bar / ax.barh / ax.hist) with at least one Rectangle, no scatter,
    #     no wedge, and no data line other than straight two-point horizontal/vertical lines
    #     (threshold lines drawn with plot()).
    #   * scatter: PathCollections whose offsets are in data coordinates (ax.scatter), no bars or
    #     wedges, and no data line other than straight two-point horizontal/vertical lines.
    #   * line: data lines (Line2D) and no scatter, bar or wedge. plot(x, y, "o") is a Line2D, so
    #     it is a line chart (decided by artist type, as E2B does).
    #   * anything else, or nothing recognisable: unknown, with no elements.
    # Never counted as data lines: invisible lines, axhline/axvline/axline (their transform is not
    # plain data coordinates), error-bar caps, and the parts of a marked boxplot.
    # Decoration that is not recognised at all (text, fill_between polygons, images, ...) is ignored.
    # Colorbar axes and invisible axes are skipped when counting a figure's axes.

    def text_or_none(text):
        if text is None:
            return None
        text = str(text)
        return text if text.strip() else None

    unit_pattern = re.compile(r"(?:^|\s)(?:\(([^()]*)\)|\[([^\[\]]*)\])\s*$")

    def unit_of(label):
        # "Temperature (°C)" -> "°C", "Speed [m/s]" -> "m/s": a bracketed part at the end of the label.
        if not label:
            return None
        match = unit_pattern.search(label)
        if not match:
            return None
        unit = (match.group(1) if match.group(1) is not None else match.group(2)).strip()
        return unit or None

    def axes_title(ax):
        for loc in ("center", "left", "right"):
            try:
                title = text_or_none(ax.get_title(loc))
            except Exception:
                title = None
            if title:
                return title
        return None

    def figure_suptitle(fig):
        getter = getattr(fig, "get_suptitle", None)  # matplotlib >= 3.8
        if getter is not None:
            return text_or_none(getter())
        sup = getattr(fig, "_suptitle", None)
        return text_or_none(sup.get_text()) if sup is not None else None

    def axis_converter(axis):
        getter = getattr(axis, "get_converter", None)  # matplotlib >= 3.10
        return getter() if getter is not None else getattr(axis, "converter", None)

    def is_date_axis(axis):
        mdates = sys.modules.get("matplotlib.dates")
        if mdates is None:
            return False
        converter_types = tuple(
            t for t in (getattr(mdates, "DateConverter", None),
                        getattr(mdates, "_SwitchableDateConverter", None),
                        getattr(mdates, "ConciseDateConverter", None)) if t is not None)
        if converter_types and isinstance(axis_converter(axis), converter_types):
            return True
        formatter_types = tuple(
            t for t in (getattr(mdates, "DateFormatter", None),
                        getattr(mdates, "AutoDateFormatter", None),
                        getattr(mdates, "ConciseDateFormatter", None)) if t is not None)
        return bool(formatter_types) and isinstance(axis.get_major_formatter(), formatter_types)

    def category_names(axis):
        # {position: category} for a string-category axis, else None.
        category = sys.modules.get("matplotlib.category")
        if category is None:
            return None
        units = getattr(axis, "units", None)
        if not isinstance(units, category.UnitData):
            return None
        return {int(v): str(k) for k, v in getattr(units, "_mapping", {}).items()}

    def date_text(num):
        try:
            from matplotlib.dates import num2date
            return num2date(float(num)).isoformat()
        except Exception:
            return None

    mathtext_default = re.compile(r"^\$\\mathdefault\{(.*)\}\$$")

    def tick_text(text):
        # Log axes label ticks as "$\mathdefault{10^{2}}$"; keep the part inside.
        text = str(text)
        match = mathtext_default.match(text)
        return match.group(1) if match else text

    def tick_number(value):
        # Locator arithmetic leaves 0.6000000000000001; 12 significant digits are enough.
        value = number(value)
        return None if value is None else float("%.12g" % value)

    class AxisInfo:
        def __init__(self, axis, scale):
            self.axis = axis
            # pandas' own time-series plots (Series.plot() with a DatetimeIndex) put period
            # ordinals on the axis and record the frequency on it; those are not matplotlib
            # date numbers.
            self.period_freq = getattr(axis, "freq", None) if "pandas" in sys.modules else None
            self.is_date = self.period_freq is not None or is_date_axis(axis)
            self.categories = category_names(axis)
            if self.is_date:
                self.scale = "datetime"
            elif self.categories is not None and scale == "linear":
                self.scale = "categorical"
            else:
                self.scale = scale

        def ticks(self):
            # Major ticks inside the view limits, with the text the axis formatter gives them
            # (formatted without drawing the figure; the same call matplotlib makes when it draws).
            axis = self.axis
            locs = [float(v) for v in axis.get_majorticklocs()]
            try:
                labels = [str(t) for t in axis.get_major_formatter().format_ticks(locs)]
            except Exception:
                labels = [""] * len(locs)
            low, high = sorted(float(v) for v in axis.get_view_interval())
            slack = abs(high - low) * 1e-9 + 1e-12
            pairs = [(v, t) for v, t in zip(locs, labels) if low - slack <= v <= high + slack]
            if self.is_date:
                values = [self.date_of(v) for v, _ in pairs]
            else:
                values = [tick_number(v) for v, _ in pairs]
            return values, [tick_text(t) for _, t in pairs]

        def date_of(self, num):
            # A number on a date axis as ISO text.
            if self.period_freq is not None:
                try:
                    pd = sys.modules["pandas"]
                    period = pd.Period(ordinal=int(round(float(num))), freq=self.period_freq)
                    return period.to_timestamp().isoformat()
                except Exception:
                    return None
            return date_text(num)

        def values(self, data):
            # Plotted coordinates for JSON: numbers, ISO strings on date axes, category names.
            np = sys.modules.get("numpy")
            if np is not None and not isinstance(data, np.ndarray):
                try:
                    data = np.asarray(data)
                except Exception:
                    data = list(data)
            if np is not None and isinstance(data, np.ndarray):
                kind = data.dtype.kind
                items = numpy_array_items(np, data)
            else:
                kind = "O"
                items = list(data)
            pd = sys.modules.get("pandas")
            period_type = getattr(pd, "Period", None) if pd is not None else None
            out = []
            for item in items:
                if item is None:
                    out.append(None)
                elif period_type is not None and isinstance(item, period_type):
                    try:
                        out.append(item.to_timestamp().isoformat())
                    except Exception:
                        out.append(str(item))
                elif isinstance(item, (dt.datetime, dt.date)):
                    out.append(iso(item))
                elif isinstance(item, str):
                    out.append(str(item))
                elif isinstance(item, numbers.Real) or kind in "biuf":
                    value = number(item)
                    if value is None:
                        out.append(None)
                    elif self.is_date:
                        out.append(self.date_of(value))
                    elif self.categories is not None and kind in "biuf" \
                            and float(value).is_integer() and int(value) in self.categories \
                            and not isinstance(item, bool):
                        out.append(self.categories[int(value)])
                    else:
                        out.append(value)
                else:
                    out.append(to_json(item, False))
            return out

        def label_at(self, low, high, center):
            # The text naming a bar/box that spans [low, high] on this axis.
            if self.is_date:
                return self.date_of(center) or str(center)
            if self.categories is not None:
                nearest = round(center)
                if abs(center - nearest) < 1e-6 and int(nearest) in self.categories:
                    return self.categories[int(nearest)]
            try:
                locs = [float(v) for v in self.axis.get_majorticklocs()]
                labels = [tick_text(t) for t in self.axis.get_major_formatter().format_ticks(locs)]
            except Exception:
                locs, labels = [], []
            if locs:
                slack = abs(high - low) * 1e-9 + 1e-12
                best = min(range(len(locs)), key=lambda i: abs(locs[i] - center))
                inside = low - slack <= locs[best] <= high + slack
                ticker = sys.modules.get("matplotlib.ticker")
                fixed = ticker is not None and isinstance(
                    self.axis.get_major_formatter(), ticker.FixedFormatter)
                if fixed and not inside and len(locs) > 1:
                    # Tick labels set by the user (set_xticks(x, labels)): grouped bars sit
                    # beside their tick, so accept the nearest tick when it is clearly closest.
                    spacing = min(abs(a - b) for a, b in zip(sorted(locs), sorted(locs)[1:])) or 0
                    inside = spacing > 0 and abs(locs[best] - center) < spacing / 2
                elif fixed and not inside:
                    inside = True
                if inside and labels[best].strip():
                    return labels[best]
            return "%g" % center

    def series_label(label, index, prefix):
        # Unlabelled artists get matplotlib's "_childN" / "_containerN" names; turn them into
        # "<prefix> N" as the E2B extractor does ("Line N", "Group N").
        label = "" if label is None else str(label)
        if label and not label.startswith("_"):
            return label
        match = re.fullmatch(r"_(?:child|container)(\d+)", label)
        return "%s %s" % (prefix, match.group(1) if match else index)

    def in_data_coords(transform, ax):
        try:
            return transform is ax.transData or transform.contains_branch(ax.transData)
        except Exception:
            return False

    def is_straight_pair(line):
        try:
            xs, ys = line.get_xydata().T
            return len(xs) == 2 and (xs[0] == xs[1] or ys[0] == ys[1])
        except Exception:
            return False

    def classify(ax):
        from matplotlib.collections import PathCollection
        from matplotlib.container import BarContainer, ErrorbarContainer
        from matplotlib.patches import Rectangle, Wedge

        containers = list(getattr(ax, "containers", []))
        decoration = set()
        for container in containers:
            if isinstance(container, ErrorbarContainer):
                try:
                    for cap in container.lines[1] or ():
                        decoration.add(id(cap))
                except Exception:
                    pass

        boxes = [line for line in ax.lines if getattr(line, "_e2b_box", None) is not None]
        lines = [line for line in ax.lines
                 if line.get_visible()
                 and not getattr(line, "_e2b_box_part", False)
                 and id(line) not in decoration
                 and in_data_coords(line.get_transform(), ax)]
        curves = [line for line in lines if not is_straight_pair(line)]
        scatters = []
        for collection in ax.collections:
            if isinstance(collection, PathCollection) and collection.get_visible():
                try:
                    if in_data_coords(collection.get_offset_transform(), ax) \
                            and len(collection.get_offsets()):
                        scatters.append(collection)
                except Exception:
                    pass
        bars = [c for c in containers if isinstance(c, BarContainer)
                and any(isinstance(p, Rectangle) for p in c.patches)]
        wedges = [p for p in ax.patches if isinstance(p, Wedge)]

        if boxes:
            return "box_and_whisker", boxes
        if wedges and not (lines or scatters or bars):
            return "pie", wedges
        if bars and not (curves or scatters or wedges):
            return "bar", bars
        if scatters and not (curves or bars or wedges):
            return "scatter", scatters
        if lines and not (scatters or bars or wedges):
            return "line", lines
        return "unknown", []

    def add_axis_labels(chart, ax, swap=False):
        x_label = text_or_none(ax.get_xlabel())
        y_label = text_or_none(ax.get_ylabel())
        if swap:  # horizontal bars/boxes: x_* names the category axis, as in E2B
            x_label, y_label = y_label, x_label
        chart["x_label"] = x_label
        chart["y_label"] = y_label
        chart["x_unit"] = unit_of(x_label)
        chart["y_unit"] = unit_of(y_label)

    def point_chart(chart, ax, kind, artists):
        x_info = AxisInfo(ax.xaxis, ax.get_xscale())
        y_info = AxisInfo(ax.yaxis, ax.get_yscale())
        add_axis_labels(chart, ax)
        chart["x_ticks"], chart["x_tick_labels"] = x_info.ticks()
        chart["x_scale"] = x_info.scale
        chart["y_ticks"], chart["y_tick_labels"] = y_info.ticks()
        chart["y_scale"] = y_info.scale
        elements = []
        for index, artist in enumerate(artists):
            if kind == "line":
                xs = x_info.values(artist.get_xdata())
                ys = y_info.values(artist.get_ydata())
                label = series_label(artist.get_label(), index, "Line")
            else:
                offsets = artist.get_offsets()
                np = sys.modules.get("numpy")
                if np is not None:
                    offsets = np.ma.asarray(offsets, dtype=float)
                    xs = x_info.values(offsets[:, 0])
                    ys = y_info.values(offsets[:, 1])
                else:
                    xs = x_info.values([p[0] for p in offsets])
                    ys = y_info.values([p[1] for p in offsets])
                label = series_label(artist.get_label(), index, "Scatter")
            elements.append({"label": label, "points": [[x, y] for x, y in zip(xs, ys)]})
        chart["elements"] = elements

    def bar_chart(chart, ax, containers):
        x_info = AxisInfo(ax.xaxis, ax.get_xscale())
        y_info = AxisInfo(ax.yaxis, ax.get_yscale())
        elements = []
        horizontal_count = 0
        for index, container in enumerate(containers):
            group = series_label(container.get_label(), index, "Group")
            orientation = getattr(container, "orientation", None)
            horizontal = orientation == "horizontal"
            horizontal_count += horizontal
            data_values = getattr(container, "datavalues", None)
            patches = list(container.patches)
            if data_values is None or len(data_values) != len(patches):
                data_values = [p.get_width() if horizontal else p.get_height() for p in patches]
            for patch, value in zip(patches, data_values):
                if horizontal:
                    low, size = patch.get_y(), patch.get_height()
                    info = y_info
                else:
                    low, size = patch.get_x(), patch.get_width()
                    info = x_info
                low, high = sorted((float(low), float(low) + float(size)))
                label = info.label_at(low, high, (low + high) / 2)
                elements.append({"label": label, "value": number(value), "group": group})
        add_axis_labels(chart, ax, swap=bool(containers) and horizontal_count == len(containers))
        chart["elements"] = elements

    def box_chart(chart, ax, medians):
        x_info = AxisInfo(ax.xaxis, ax.get_xscale())
        y_info = AxisInfo(ax.yaxis, ax.get_yscale())
        elements = []
        vertical_count = 0
        for median in medians:
            mark = median._e2b_box
            xs = [float(v) for v in median.get_xdata()]
            ys = [float(v) for v in median.get_ydata()]
            # A vertical box has a horizontal median line; the box's position is its centre.
            vertical = len(ys) >= 2 and ys[0] == ys[-1]
            vertical_count += vertical
            span = xs if vertical else ys
            low, high = min(span), max(span)
            info = x_info if vertical else y_info
            label = None
            if info.categories is None and not info.is_date:
                try:
                    locs = [float(v) for v in info.axis.get_majorticklocs()]
                    texts = [tick_text(t) for t in info.axis.get_major_formatter().format_ticks(locs)]
                    center = (low + high) / 2
                    for loc, text in zip(locs, texts):
                        if abs(loc - center) <= 1e-9 * max(1.0, abs(center)) and text.strip():
                            label = text
                            break
                except Exception:
                    label = None
            if label is None:
                label = mark["label"] if mark["label"] is not None else \
                    info.label_at(low, high, (low + high) / 2)
            elements.append({
                "label": label,
                "min": mark["min"],
                "first_quartile": mark["first_quartile"],
                "median": mark["median"],
                "third_quartile": mark["third_quartile"],
                "max": mark["max"],
                "outliers": list(mark["outliers"]),
            })
        add_axis_labels(chart, ax, swap=bool(medians) and vertical_count == 0)
        chart["elements"] = elements

    def pie_chart(chart, wedges):
        elements = []
        for wedge in wedges:
            angle = abs(float(wedge.theta2) - float(wedge.theta1))
            elements.append({
                "label": "" if wedge.get_label() is None else str(wedge.get_label()),
                # Wedge angles carry float32-sized noise (323.99999 for 90 %); 4 decimals is plenty.
                "angle": number(round(angle, 4)),
                "radius": number(wedge.r),
            })
        chart["elements"] = elements

    def axes_chart(ax, fallback_title=None):
        title = axes_title(ax) or fallback_title
        try:
            kind, artists = classify(ax)
            chart = {"type": kind, "title": title}
            if kind in ("line", "scatter"):
                point_chart(chart, ax, kind, artists)
            elif kind == "bar":
                bar_chart(chart, ax, artists)
            elif kind == "box_and_whisker":
                box_chart(chart, ax, artists)
            elif kind == "pie":
                pie_chart(chart, artists)
            else:
                chart["elements"] = []
            return chart
        except Exception:
            return {"type": "unknown", "title": title, "elements": []}

    def figure_chart(fig):
        try:
            axes = [ax for ax in fig.get_axes()
                    if ax.get_visible() and getattr(ax, "_colorbar", None) is None]
            if not axes:
                return None
            suptitle = figure_suptitle(fig)
            if len(axes) == 1:
                # A single chart whose only title is the figure's suptitle keeps that title.
                chart = axes_chart(axes[0], suptitle)
            else:
                chart = {"type": "superchart", "title": suptitle,
                         "elements": [axes_chart(ax) for ax in axes]}
            json.dumps(chart, allow_nan=False)  # must be plain JSON, or the message would fail
            return chart
        except Exception:
            return None

    class _E2BChartFormatter(_E2BFormatter):
        format_type = Unicode("e2b/chart")
        print_method = ObjectName("_repr_e2b_chart_")

        def _e2b_direct(self, obj):
            # Figures are recognised here rather than through for_type_by_name(): when matplotlib's
            # inline backend loads, IPython's select_figure_formats() pops the Figure entry from
            # *every* display formatter (it does `formatter.pop(Figure)` on all of them), which
            # would silently remove a registration made here. Checking sys.modules keeps this lazy.
            figure_module = sys.modules.get("matplotlib.figure")
            if figure_module is not None and isinstance(obj, figure_module.Figure):
                return True, figure_chart(obj)
            return False, None

    chart_formatter = _E2BChartFormatter(parent=shell.display_formatter)

    formatters = shell.display_formatter.formatters
    formatters["e2b/data"] = data_formatter
    formatters["e2b/chart"] = chart_formatter
    # DisplayFormatter.active_types restricts which formatters run when it is set explicitly;
    # make sure ours are part of it (by default it lists every registered formatter).
    try:
        active = list(shell.display_formatter.active_types)
        for mime in ("e2b/data", "e2b/chart", "application/json"):
            if mime not in active:
                active.append(mime)
        shell.display_formatter.active_types = active
    except Exception:
        pass
    for formatter in (data_formatter, chart_formatter):
        formatter.enabled = True

    # ------------------------------------------------------------------------------------------
    # application/json for plain lists and dicts
    # ------------------------------------------------------------------------------------------

    def json_value(obj):
        # Only when the whole value converts to JSON (numpy scalars/arrays and datetimes are
        # accepted, NaN/inf become null); otherwise no application/json at all.
        try:
            method = get_real_method(obj, "_repr_json_")
            if method is not None:  # a dict/list subclass with its own JSON repr keeps it
                result = method()
                return result if isinstance(result, (dict, list, tuple)) else None
            return to_json(obj, True), {"expanded": True}
        except Exception:
            return None

    try:
        json_formatter = formatters.get("application/json")
        if json_formatter is not None:
            json_formatter.enabled = True
            json_formatter.for_type(list, json_value)
            json_formatter.for_type(dict, json_value)
    except Exception:
        pass

    # ------------------------------------------------------------------------------------------
    # matplotlib: inline backend, PNG figures
    # ------------------------------------------------------------------------------------------
    #
    # ipykernel sets MPLBACKEND=module://matplotlib_inline.backend_inline when the variable is unset.
    # When the user first imports matplotlib.pyplot, that backend module loads and (in
    # matplotlib_inline's _enable_matplotlib_integration) does what `%matplotlib inline` does:
    # registers flush_figures as a post_execute hook and selects the figure formats. So nothing
    # has to be imported here. We only pin the variable (in case the server's environment carries
    # another backend) and the format; users can still change either (env_vars, matplotlib.use(),
    # %matplotlib, %config InlineBackend.figure_formats).
    def can_create_dir(path):
        # Whether `path` is, or could be created as, a writable directory; creates nothing.
        path = os.path.abspath(path)
        while not os.path.exists(path):
            parent = os.path.dirname(path)
            if parent == path:
                return False
            path = parent
        return os.path.isdir(path) and os.access(path, os.W_OK | os.X_OK)

    def ensure_matplotlib_config_dir():
        # matplotlib keeps its font cache in ~/.cache/matplotlib (config in ~/.config/matplotlib).
        # When those cannot be written it makes a temporary directory in every process, rebuilds
        # the font cache there on each first import and prints a warning to the user's stderr.
        # Only in that case, point MPLCONFIGDIR at a per-user directory under the temp dir, so the
        # cache is built once and reused by later kernels. A writable home is left alone.
        if os.environ.get("MPLCONFIGDIR") or "matplotlib" in sys.modules:
            return
        home = os.path.expanduser("~")
        config_base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
        cache_base = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
        if can_create_dir(os.path.join(config_base, "matplotlib")) and \
                can_create_dir(os.path.join(cache_base, "matplotlib")):
            return
        import stat
        import tempfile

        getuid = getattr(os, "getuid", None)
        path = os.path.join(tempfile.gettempdir(),
                            "e2b-matplotlib-%s" % (getuid() if getuid else "user"))
        os.makedirs(path, mode=0o700, exist_ok=True)
        info = os.lstat(path)
        if stat.S_ISDIR(info.st_mode) and (getuid is None or info.st_uid == getuid()) \
                and os.access(path, os.W_OK | os.X_OK):
            os.environ["MPLCONFIGDIR"] = path

    try:
        ensure_matplotlib_config_dir()
    except Exception:
        pass

    try:
        if "matplotlib" not in sys.modules:
            os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
        # InlineBackend.instance(parent=shell) is created later and reads the shell's config.
        shell.config.InlineBackend.figure_formats = {"png"}
    except Exception:
        pass

    # ------------------------------------------------------------------------------------------
    # Lazy patches, applied right after a module is first imported
    # ------------------------------------------------------------------------------------------
    #
    # A meta-path finder that, for a few module names, finds the real spec through the other
    # finders and wraps that spec's loader.exec_module so a patch runs once the module has been
    # executed. For any other name it returns None at once (one dict lookup per import).

    def mark_boxplot(ax, stats_list, artists):
        # Boxplot marks: remember each box's statistics on its median line, and tag every artist
        # bxp() created, so the chart extractor can report exact values instead of reading them
        # back from the geometry. Marks live on the artists, so ax.clear() or removing the lines
        # removes them too.
        medians = list(artists.get("medians", []))
        fliers = list(artists.get("fliers", []))
        stats_list = list(stats_list)
        for artist_list in artists.values():
            for artist in artist_list:
                try:
                    artist._e2b_box_part = True
                except Exception:
                    pass
        for index, (stats, median) in enumerate(zip(stats_list, medians)):
            shown_fliers = index < len(fliers)
            outliers = []
            if shown_fliers:
                try:
                    outliers = [v for v in (number(x) for x in stats.get("fliers", [])) if v is not None]
                except Exception:
                    outliers = []
            label = stats.get("label")
            median._e2b_box = {
                "label": None if label is None else str(label),
                "min": number(stats.get("whislo")),
                "first_quartile": number(stats.get("q1")),
                "median": number(stats.get("med")),
                "third_quartile": number(stats.get("q3")),
                "max": number(stats.get("whishi")),
                "outliers": outliers,
            }

    def patch_matplotlib_axes(module):
        axes_class = getattr(module, "Axes", None)
        original = getattr(axes_class, "bxp", None)
        if original is None or getattr(original, "_e2b_wrapped", False):
            return
        import functools

        @functools.wraps(original)
        def bxp(self, bxpstats, *args, **kwargs):
            artists = original(self, bxpstats, *args, **kwargs)
            try:
                mark_boxplot(self, bxpstats, artists)
            except Exception:
                pass
            return artists

        bxp._e2b_wrapped = True
        axes_class.bxp = bxp

    def patch_pil_image(module):
        image_class = getattr(module, "Image", None)
        original = getattr(image_class, "show", None)
        if original is None or getattr(original, "_e2b_wrapped", False):
            return
        import functools

        # Image.show() normally hands a temporary file to an external viewer, which a sandbox
        # does not have; show it as a display output (image/png via Image._repr_png_) instead.
        @functools.wraps(original)
        def show(self, *args, **kwargs):
            from IPython.display import display

            display(self)

        show._e2b_wrapped = True
        image_class.show = show

    class _E2BPostImportHook:
        _e2b_hook = True

        def __init__(self, patches):
            self.patches = dict(patches)
            self.busy = set()

        def find_spec(self, fullname, path=None, target=None):
            patch = self.patches.get(fullname)
            if patch is None or fullname in self.busy:
                return None
            self.busy.add(fullname)
            try:
                spec = None
                for finder in list(sys.meta_path):
                    if finder is self or getattr(finder, "_e2b_hook", False):
                        continue
                    find = getattr(finder, "find_spec", None)
                    if find is None:
                        continue
                    spec = find(fullname, path, target)
                    if spec is not None:
                        break
            except Exception:
                return None
            finally:
                self.busy.discard(fullname)
            loader = getattr(spec, "loader", None)
            original_exec = getattr(loader, "exec_module", None)
            if original_exec is None:
                return None  # let the normal import machinery handle it unpatched
            hook = self

            def exec_module(module):
                original_exec(module)
                hook.patches.pop(fullname, None)
                try:
                    patch(module)
                except Exception:
                    pass
                if not hook.patches:
                    try:
                        sys.meta_path.remove(hook)
                    except ValueError:
                        pass

            try:
                loader.exec_module = exec_module
            except Exception:
                return None
            return spec

    try:
        sys.meta_path[:] = [f for f in sys.meta_path if not getattr(f, "_e2b_hook", False)]
        pending = {}
        for name, patch in (("matplotlib.axes", patch_matplotlib_axes),
                            ("PIL.Image", patch_pil_image)):
            if name in sys.modules:
                try:
                    patch(sys.modules[name])
                except Exception:
                    pass
            else:
                pending[name] = patch
        if pending:
            sys.meta_path.insert(0, _E2BPostImportHook(pending))
    except Exception:
        pass


try:
    _e2b_kernel_setup()
except Exception:
    pass
finally:
    del _e2b_kernel_setup
