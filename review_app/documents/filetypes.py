"""Upload validation: what a clerk may attach to a matter (the draft, its legal basis, scans).

The extension the user chose must agree with the file's content: Office files (zip containers) are checked
for zip bombs before anything unpacks them, and images are decoded in full (Pillow), so a text file behind a
PNG or JPEG header is refused like any other disguised file. The file name is kept for display only; files are stored under
their hash (see store.py), so a name never becomes a path.
"""
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from PIL import Image

from workflows.text import N_  # marks messages for the translation catalogue

ALLOWED = {".docx", ".pdf", ".xlsx", ".jpg", ".jpeg", ".png"}

# Zip-bomb limits for .docx/.xlsx. Python's zipfile never inflates a member beyond its declared size (it stops
# there and fails the CRC check), so bounding the declared sizes bounds what mammoth or openpyxl will unpack.
MAX_ZIP_ENTRIES = 1000
MAX_ZIP_TOTAL = 100 * 1024 * 1024
MAX_ZIP_RATIO = 100

# Decompression-bomb limit for images: a tiny PNG can declare 100000 x 100000 pixels (30 GB decoded). 50
# megapixels holds an A4 page scanned at 600 dpi (35 MP) and any phone photo; checked before decoding, and
# below Pillow's own warning threshold (Image.MAX_IMAGE_PIXELS), which would only warn.
MAX_IMAGE_PIXELS = 50_000_000
_PILLOW_FORMAT = {"png": "PNG", "jpeg": "JPEG"}

MAX_DISPLAY_NAME = 120
_LEADING_DOTS = re.compile(r"^[\s.]+")
# Device names Windows will not open as files, whatever the extension or case ("CON.docx" is the console):
# Microsoft, "Naming Files, Paths, and Namespaces". A downloaded file so named gets a "_" after the device name.
_WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
                             | {f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³"})

_MB = 1024 * 1024

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_KINDS = {
    ".docx": ("docx", DOCX_MIME),
    ".xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pdf": ("pdf", "application/pdf"),
    ".jpg": ("jpeg", "image/jpeg"),
    ".jpeg": ("jpeg", "image/jpeg"),
    ".png": ("png", "image/png"),
}

_MAGIC = {
    "pdf": b"%PDF-",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpeg": b"\xff\xd8\xff",
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
}

# The part that makes a zip an Office document of this kind rather than any other zip.
_OFFICE_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


# Every media type an accepted file is served with.
MEDIA_TYPES = tuple(dict.fromkeys(mime for _, mime in _KINDS.values()))


class UploadRejected(ValueError):
    """`template` (marked for the translation catalogue) and `params` let the app show it in the reader's
    language; `message` is the Chinese text."""

    def __init__(self, template: str, **params):
        self.template, self.params = template, params
        self.message = template % params if params else template
        super().__init__(self.message)


@dataclass(frozen=True)
class Checked:
    kind: str  # 'docx' | 'pdf' | 'xlsx' | 'jpeg' | 'png'
    mime: str
    display_name: str
    size: int


def check_upload(filename: str, data: bytes, max_bytes: int) -> Checked:
    """Accept the upload or raise UploadRejected with a message for the clerk."""
    base = _last_path_part(filename)
    ext = _extension(base)
    if not data:
        raise UploadRejected(N_("文件为空"))
    if len(data) > max_bytes:
        raise UploadRejected(N_("文件超过大小上限（%(mb)s MB）"), mb=f"{max_bytes / _MB:g}")
    if ext not in ALLOWED:
        shown = _clean(ext)[:20] or "无扩展名"
        raise UploadRejected(N_("不支持的文件类型：%(ext)s，仅支持 docx、pdf、xlsx、jpg、png"), ext=shown)
    kind, mime = _KINDS[ext]
    if not data.startswith(_MAGIC[kind]):
        raise UploadRejected(N_("文件内容与扩展名不符"))
    if kind in _OFFICE_MAIN_PART:
        _check_office_zip(data, kind)
    if kind in _PILLOW_FORMAT:
        _check_image(data, kind)
    return Checked(kind=kind, mime=mime, display_name=_display_name(base, ext), size=len(data))


def _check_office_zip(data: bytes, kind: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    # Damaged central directories surface as any of these (a bad name encoding is a UnicodeDecodeError).
    except (zipfile.BadZipFile, NotImplementedError, ValueError):
        raise UploadRejected(N_("文件已损坏，无法读取")) from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UploadRejected(N_("压缩文档异常（文件条目过多）"))
    if sum(i.file_size for i in infos) > MAX_ZIP_TOTAL:
        raise UploadRejected(N_("压缩文档异常（疑似压缩炸弹）"))
    for info in infos:
        if info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise UploadRejected(N_("压缩文档异常（疑似压缩炸弹）"))
        if _unsafe_member_name(info.filename):
            raise UploadRejected(N_("压缩文档异常（包含非法路径）"))
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or _OFFICE_MAIN_PART[kind] not in names:
        raise UploadRejected(N_("文件内容与扩展名不符"))
    # A macro-enabled document renamed to .docx/.xlsx still carries its VBA project: not accepted.
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise UploadRejected(N_("不接收含宏的文档，请另存为不含宏的 docx 或 xlsx 后上传"))


def _check_image(data: bytes, kind: str) -> None:
    """Decode the whole image as the format its extension names; the pixel count is checked first.

    A file whose header does not parse as that format is disguised; one whose header parses but whose pixels
    do not decode is damaged."""
    # Pillow raises OSError, SyntaxError, ValueError or EOFError from inside a format's parser.
    unreadable = (OSError, SyntaxError, ValueError, EOFError)
    try:
        image = Image.open(io.BytesIO(data), formats=[_PILLOW_FORMAT[kind]])
    except Image.DecompressionBombError:  # beyond Pillow's own limit: refused while reading the header
        raise UploadRejected(N_("图片异常（像素过多，疑似解压炸弹）")) from None
    except unreadable:  # UnidentifiedImageError is an OSError
        raise UploadRejected(N_("文件内容与扩展名不符")) from None
    with image:
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise UploadRejected(N_("图片异常（像素过多，疑似解压炸弹）"))
        try:
            image.load()
        except unreadable:
            raise UploadRejected(N_("文件已损坏，无法读取")) from None


def _unsafe_member_name(name: str) -> bool:
    # Nothing here extracts to disk, but a member escaping the archive root marks a crafted file.
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts


def _last_path_part(filename: str) -> str:
    # Browsers on Windows (and hostile clients) may send the full client-side path.
    return filename.replace("\\", "/").rsplit("/", 1)[-1]


def _extension(base: str) -> str:
    _, dot, ext = base.rpartition(".")
    return f".{ext.lower()}" if dot else ""


def _clean(text: str) -> str:
    # Cc are control characters; Cf includes bidi overrides (U+202E shows "xcod.exe" as "exe.docx").
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))


def _display_name(base: str, ext: str) -> str:
    # No leading dot: a "hidden" name looks like a bare extension in a listing.
    stem = _LEADING_DOTS.sub("", _clean(base[: len(base) - len(ext)])).rstrip()
    if not stem:
        stem = "未命名"
    device = stem.partition(".")[0].rstrip(" ")  # Windows ignores spaces before the dot too
    if device.upper() in _WINDOWS_DEVICES:
        stem = device + "_" + stem[len(device):]
    return stem[: MAX_DISPLAY_NAME - len(ext)] + ext
