"""A small xlsx (Office Open XML spreadsheet) writer for the annual report: typed cells (inline
text, numbers, dates) in five styles, frozen heading rows, document properties, and fixed zip
timestamps, so the same content always gives the same bytes.

The parts are laid out as XlsxWriter lays them out in its constant-memory mode; numbers are
written from their exact decimal text ("12000.50"), dates as Excel's serial days. Writing a row
is one string per cell rather than an object per cell: for 10,000 projects openpyxl took 3.5 s
of CPU, XlsxWriter 1.5 s, this about a tenth of a second plus the compression."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from xml.sax.saxutils import quoteattr

PLAIN, BOLD, MONEY, SHARE, DAY = range(5)  # the cell styles, as indices into styles.xml's cellXfs
MONEY_FORMAT, SHARE_FORMAT, DAY_FORMAT = "#,##0.00", "0.0%", "yyyy-mm-dd"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Deflate's fastest level: for 10,000 projects 0.02 s and 0.79 MB, where the default level took
# 0.09 s for 0.64 MB (the sheets' XML is 7.5 MB).
COMPRESSION = 1
MAX_TEXT = 32_767  # the longest text a cell holds in Excel
EPOCH = date(1899, 12, 30).toordinal()  # day 0 of Excel's 1900 date system (from March 1900 on)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0: written as _xHHHH_
_NUMBER = re.compile(r"-?\d+(\.\d+)?\Z")
_ESCAPE_LIKE = re.compile("_(x[0-9A-Fa-f]{4})_")  # text that Excel would read as an escape: kept literal


def column(index: int) -> str:
    """The column's letters: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def text(ref: str, value: str, style: int = PLAIN) -> str:
    """A text cell (an inline string; never a formula, whatever it starts with)."""
    inline = _INLINE.get(value)
    if inline is None:
        inline = _inline(value)
        if len(_INLINE) < 10_000:  # names and labels repeat on every row; titles do not
            _INLINE[value] = inline
    return f'<c r="{ref}" s="{style}" t="inlineStr">{inline}</c>' if style else f'<c r="{ref}" t="inlineStr">{inline}</c>'


_INLINE: dict[str, str] = {}


def _inline(value: str) -> str:
    """The <is> element of a text cell: the text escaped for XML and for Excel."""
    value = value[:MAX_TEXT]
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "_x" in value:
        value = _ESCAPE_LIKE.sub(r"_x005F_\1_", value)
    if _CONTROL.search(value):
        value = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f"<is><t{space}>{value}</t></is>"


def number(ref: str, value: str | int, style: int = PLAIN) -> str:
    """A numeric cell from a plain decimal ("12000.50", "-5", 3), written exactly as given."""
    value = str(value)
    if not _NUMBER.match(value):
        raise ValueError(f"'{value}' is not a plain decimal number")
    styled = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{styled}><v>{value}</v></c>'


def day(ref: str, value: date, style: int = DAY) -> str:
    """A date cell: Excel's serial day with a date format."""
    return f'<c r="{ref}" s="{style}"><v>{value.toordinal() - EPOCH}</v></c>'


def blank(ref: str, style: int) -> str:
    """An empty cell that keeps its style (a share that cannot be computed)."""
    return f'<c r="{ref}" s="{style}"/>'


class Sheet:
    """One worksheet, its rows written as they come."""

    def __init__(self, name: str, frozen_heading: bool = False) -> None:
        self.name, self.frozen_heading = name[:31], frozen_heading
        self._rows: list[str] = []
        self.width = 0

    @property
    def next_row(self) -> int:
        """The 1-based number of the row the next `append` writes."""
        return len(self._rows) + 1

    def append(self, cells: list[str]) -> None:
        """A row of cells made by text/number/day/blank for this row (refs A…, B… of next_row)."""
        self.width = max(self.width, len(cells))
        self._rows.append(f'<row r="{self.next_row}">{"".join(cells)}</row>' if cells else "")

    def xml(self, selected: bool) -> str:
        last = f"{column(max(self.width, 1) - 1)}{max(len(self._rows), 1)}"
        tab = ' tabSelected="1"' if selected else ""
        pane = ('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft"/>') if self.frozen_heading else ""
        view = f'<sheetView{tab} workbookViewId="0">{pane}</sheetView>' if pane else f'<sheetView{tab} workbookViewId="0"/>'
        return (f'{XML}<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:{last}"/>'
                f'<sheetViews>{view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>'
                f'<sheetData>{"".join(self._rows)}</sheetData>'
                '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')


def workbook(sheets: list[Sheet], *, title: str, creator: str, created: datetime) -> bytes:
    """The xlsx file of `sheets`, in order, with its title, creator and creation time."""
    files = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": ROOT_RELS,
        "docProps/app.xml": _app(sheets),
        "docProps/core.xml": _core(title, creator, created),
        "xl/workbook.xml": _workbook(sheets),
        "xl/_rels/workbook.xml.rels": _workbook_rels(len(sheets)),
        "xl/styles.xml": STYLES,
        **{f"xl/worksheets/sheet{n}.xml": s.xml(selected=n == 1) for n, s in enumerate(sheets, start=1)},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in files.items():
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
            package.writestr(entry, content.encode("utf-8"), compresslevel=COMPRESSION)
    return out.getvalue()


XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument"

ROOT_RELS = (
    f'{XML}<Relationships xmlns="{PACKAGE_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/></Relationships>'
)

STYLES = (
    f'{XML}<styleSheet xmlns="{MAIN}">'
    f'<numFmts count="3"><numFmt numFmtId="164" formatCode="{MONEY_FORMAT}"/>'
    f'<numFmt numFmtId="165" formatCode="{SHARE_FORMAT}"/><numFmt numFmtId="166" formatCode="{DAY_FORMAT}"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'  # PLAIN
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'  # BOLD
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'  # MONEY
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'  # SHARE
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'  # DAY
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
    '</styleSheet>'
)


def _content_types(sheets: int) -> str:
    worksheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{TYPES}.spreadsheetml.worksheet+xml"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{TYPES}.extended-properties+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{TYPES}.spreadsheetml.styles+xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.spreadsheetml.sheet.main+xml"/>'
        f'{worksheets}</Types>'
    )


def _app(sheets: list[Sheet]) -> str:
    names = "".join(f"<vt:lpstr>{_escape(s.name)}</vt:lpstr>" for s in sheets)
    return (
        f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<Application>udsyn</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
        '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>'
        f'<vt:variant><vt:i4>{len(sheets)}</vt:i4></vt:variant></vt:vector></HeadingPairs>'
        f'<TitlesOfParts><vt:vector size="{len(sheets)}" baseType="lpstr">{names}</vt:vector></TitlesOfParts>'
        '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>'
        '<AppVersion>12.0000</AppVersion></Properties>'
    )


def _core(title: str, creator: str, created: datetime) -> str:
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f'{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dc:title>{_escape(title)}</dc:title><dc:creator>{_escape(creator)}</dc:creator>'
        f'<cp:lastModifiedBy>{_escape(creator)}</cp:lastModifiedBy>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
    )


def _workbook(sheets: list[Sheet]) -> str:
    listed = "".join(f'<sheet name={quoteattr(s.name)} sheetId="{n}" r:id="rId{n}"/>'
                     for n, s in enumerate(sheets, start=1))
    return (f'{XML}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr/>'
            '<bookViews><workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews>'
            f'<sheets>{listed}</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')


def _workbook_rels(sheets: int) -> str:
    worksheets = "".join(f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                         for n in range(1, sheets + 1))
    return (f'{XML}<Relationships xmlns="{PACKAGE_REL}">{worksheets}'
            f'<Relationship Id="rId{sheets + 1}" Type="{REL}/styles" Target="styles.xml"/></Relationships>')


def _escape(value: str) -> str:
    return _CONTROL.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
