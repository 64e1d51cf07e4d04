import io
import random
import struct
import unicodedata
import zipfile
import zlib

import docx
import openpyxl
import pytest
from PIL import Image
from hypothesis import given
from hypothesis import strategies as st

from review_app.documents import filetypes
from review_app.documents.filetypes import Checked, UploadRejected, check_upload

MB = 1024 * 1024
LIMIT = 20 * MB
OOXML = "application/vnd.openxmlformats-officedocument"


def png_bytes() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1x1, 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(
        b"IEND", b""
    )


def jpeg_bytes() -> bytes:
    """A real JPEG (uploads are decoded, so a bare JFIF header no longer passes)."""
    out = io.BytesIO()
    Image.new("RGB", (16, 8), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def png_declaring(width: int, height: int, idat: bytes = zlib.compress(b"\x00\x00")) -> bytes:
    """A PNG whose header claims any size, with whatever pixel data follows."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx_bytes(text: str = "第一条 为了规范管理，制定本办法。") -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "名称"])
    wb.active.append([1, "示范区司法局"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def office_zip(members: dict[str, bytes], kind: str = "docx") -> bytes:
    main = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}[kind]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr(main, b"<document/>")
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def rejection(filename: str, data: bytes, max_bytes: int = LIMIT) -> str:
    with pytest.raises(UploadRejected) as exc:
        check_upload(filename, data, max_bytes)
    return exc.value.message


# --- accepted files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filename, make, kind, mime",
    [
        ("办法草案.docx", docx_bytes, "docx", f"{OOXML}.wordprocessingml.document"),
        ("台账.xlsx", xlsx_bytes, "xlsx", f"{OOXML}.spreadsheetml.sheet"),
        ("依据.pdf", pdf_bytes, "pdf", "application/pdf"),
        ("现场照片.jpg", jpeg_bytes, "jpeg", "image/jpeg"),
        ("现场照片.jpeg", jpeg_bytes, "jpeg", "image/jpeg"),
        ("截图.png", png_bytes, "png", "image/png"),
    ],
)
def test_accepts_each_allowed_type(filename, make, kind, mime):
    data = make()
    expected = Checked(kind=kind, mime=mime, display_name=filename, size=len(data))
    assert check_upload(filename, data, LIMIT) == expected


def test_extension_is_case_insensitive_and_shown_lowercase():
    assert check_upload("SCAN.PDF", pdf_bytes(), LIMIT).display_name == "SCAN.pdf"


def test_file_of_exactly_the_limit_is_accepted():
    data = pdf_bytes()
    assert check_upload("a.pdf", data, len(data)).size == len(data)


def test_checked_is_frozen():
    checked = check_upload("a.pdf", pdf_bytes(), LIMIT)
    with pytest.raises(AttributeError):
        checked.kind = "png"


# --- rejected files -------------------------------------------------------------------------------


def test_rejection_is_a_value_error_with_a_chinese_message():
    with pytest.raises(ValueError, match="文件为空"):
        check_upload("a.pdf", b"", LIMIT)


def test_empty_file_rejected():
    assert rejection("a.docx", b"") == "文件为空"


def test_oversize_file_rejected_naming_the_limit():
    assert rejection("a.pdf", pdf_bytes() + b"\0" * MB, max_bytes=MB) == "文件超过大小上限（1 MB）"
    assert rejection("a.pdf", b"%PDF-" + b"\0" * (20 * MB), max_bytes=LIMIT) == "文件超过大小上限（20 MB）"


@pytest.mark.parametrize("filename, shown", [("setup.exe", ".exe"), ("宏.docm", ".docm"), ("README", "无扩展名")])
def test_unsupported_type_rejected(filename, shown):
    assert rejection(filename, b"MZ\x90\x00") == f"不支持的文件类型：{shown}，仅支持 docx、pdf、xlsx、jpg、png"


@pytest.mark.parametrize(
    "filename, make",
    [
        ("伪装.pdf", png_bytes),  # a PNG renamed .pdf
        ("伪装.docx", pdf_bytes),  # a PDF renamed .docx
        ("伪装.png", jpeg_bytes),
        ("伪装.jpg", png_bytes),
        ("伪装.xlsx", docx_bytes),  # a zip, but a Word document
        ("伪装.docx", xlsx_bytes),
    ],
)
def test_content_must_match_extension(filename, make):
    assert rejection(filename, make()) == "文件内容与扩展名不符"


@pytest.mark.parametrize("filename, header", [
    ("截图.png", b"\x89PNG\r\n\x1a\n"),
    ("照片.jpg", b"\xff\xd8\xff\xe0"),
    ("照片.jpeg", b"\xff\xd8\xff\xdb"),
])
def test_text_behind_an_image_header_is_refused_as_disguised(filename, header):
    text = "这是一个文本文件，不是图片。<script>alert(1)</script>\n".encode() * 20
    assert rejection(filename, header + text) == "文件内容与扩展名不符"


def test_image_of_another_format_behind_the_header_is_refused():
    # A GIF with a PNG signature pasted in front: Pillow would open the GIF, but not as a PNG.
    gif = io.BytesIO()
    Image.new("P", (4, 4)).save(gif, "GIF")
    assert rejection("a.png", b"\x89PNG\r\n\x1a\n" + gif.getvalue()) == "文件内容与扩展名不符"


def test_image_whose_pixels_do_not_decode_is_refused():
    assert rejection("坏图.png", png_declaring(64, 64, idat=b"not zlib data at all")) == "文件已损坏，无法读取"
    photo = io.BytesIO()
    Image.frombytes("L", (200, 200), random.Random(1).randbytes(40_000)).save(photo, "JPEG")
    cut = photo.getvalue()[: len(photo.getvalue()) * 3 // 4]  # headers whole, the scan cut short
    assert rejection("坏图.jpg", cut) == "文件已损坏，无法读取"


@pytest.mark.parametrize("width, height", [(100_000, 100_000), (8_000, 7_000), (2**31 - 1, 2**31 - 1)])
def test_decompression_bomb_image_is_refused_before_decoding(width, height):
    # 10 gigapixels, just over the 50-megapixel limit, and beyond Pillow's own limit: a few bytes each.
    data = png_declaring(width, height)
    assert len(data) < 100
    assert rejection("炸弹.png", data) == "图片异常（像素过多，疑似解压炸弹）"


def test_image_pixel_limit_is_the_module_setting(monkeypatch):
    monkeypatch.setattr(filetypes, "MAX_IMAGE_PIXELS", 127)
    assert rejection("a.jpg", jpeg_bytes()) == "图片异常（像素过多，疑似解压炸弹）"  # 16 x 8 = 128
    monkeypatch.setattr(filetypes, "MAX_IMAGE_PIXELS", 128)
    assert check_upload("a.jpg", jpeg_bytes(), LIMIT).kind == "jpeg"


def test_real_photo_and_scan_are_accepted():
    for fmt, name in (("JPEG", "现场.jpg"), ("PNG", "扫描件.png")):
        out = io.BytesIO()
        Image.new("RGB", (1240, 1754), (250, 250, 250)).save(out, fmt)  # an A4 page at 150 dpi
        assert check_upload(name, out.getvalue(), LIMIT).display_name == name


def test_plain_zip_is_not_a_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("word/document.xml", b"<document/>")  # no [Content_Types].xml
    assert rejection("a.docx", out.getvalue()) == "文件内容与扩展名不符"


def test_corrupt_zip_rejected():
    assert rejection("a.docx", b"PK\x03\x04" + b"\x00garbage" * 100) == "文件已损坏，无法读取"
    assert rejection("a.xlsx", xlsx_bytes()[:-200]) == "文件已损坏，无法读取"


def test_zip_bomb_rejected():
    bomb = office_zip({"word/media/filler.xml": b"\0" * (50 * MB)})
    assert len(bomb) < MB  # tiny on the wire, 50 MB unpacked
    assert rejection("炸弹.docx", bomb) == "压缩文档异常（疑似压缩炸弹）"


def test_zip_declaring_huge_total_size_rejected(monkeypatch):
    monkeypatch.setattr(filetypes, "MAX_ZIP_TOTAL", 10_000)
    incompressible = random.Random(0).randbytes(12_000)
    assert rejection("a.xlsx", office_zip({"xl/media/image1.png": incompressible}, kind="xlsx")) == (
        "压缩文档异常（疑似压缩炸弹）"
    )


def test_lying_size_in_central_directory_rejected():
    data = bytearray(office_zip({"word/styles.xml": b"<styles/>"}))
    # Declare 200 MB uncompressed for the last member (uncompressed size sits 24 bytes into its record).
    record = data.rindex(b"PK\x01\x02")
    data[record + 24 : record + 28] = struct.pack("<I", 200 * MB)
    assert rejection("a.docx", bytes(data)) == "压缩文档异常（疑似压缩炸弹）"


def test_too_many_entries_rejected():
    members = {f"word/part{i}.xml": b"" for i in range(1000)}
    assert rejection("a.docx", office_zip(members)) == "压缩文档异常（文件条目过多）"


@pytest.mark.parametrize(
    "member", ["../../evil.sh", "word/../../evil.xml", "word\\..\\..\\evil", "/etc/cron.d/x", "\\evil", "C:/evil"]
)
def test_entry_escaping_the_archive_rejected(member):
    assert rejection("a.docx", office_zip({member: b"x"})) == "压缩文档异常（包含非法路径）"


# --- display names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filename, shown",
    [
        ("../../etc/passwd.docx", "passwd.docx"),
        ("C:\\x\\a.docx", "a.docx"),
        ("\\\\server\\share\\审核\\草案.docx", "草案.docx"),
        ("..docx", "未命名.docx"),
        (".docx", "未命名.docx"),
        ("...隐藏.docx", "隐藏.docx"),
        ("a\x00b\x1f\u202ec.docx", "abc.docx"),
        ("  关于某某的通知 .docx", "关于某某的通知.docx"),
        ("dir/\x07\x08.docx", "未命名.docx"),
    ],
)
def test_display_name_is_sanitised(filename, shown):
    assert check_upload(filename, docx_bytes(), LIMIT).display_name == shown


@pytest.mark.parametrize("filename, shown", [
    ("CON.docx", "CON_.docx"), ("con.pdf", "con_.pdf"), ("Prn.xlsx", "Prn_.xlsx"), ("aux.png", "aux_.png"),
    ("NUL.tar.docx", "NUL_.tar.docx"), ("COM1.pdf", "COM1_.pdf"), ("lpt9.docx", "lpt9_.docx"),
    ("COM0.pdf", "COM0_.pdf"), ("LPT¹.pdf", "LPT¹_.pdf"), ("conin$.docx", "conin$_.docx"),
    ("CON .docx", "CON_.docx"), ("C:\\x\\AUX.docx", "AUX_.docx"), ("..\\nul.docx", "nul_.docx"),
    ("CONSOLE.docx", "CONSOLE.docx"), ("COM10.pdf", "COM10.pdf"), ("通知CON.docx", "通知CON.docx"),
    ("my.con.docx", "my.con.docx"),
])
def test_windows_device_names_are_changed(filename, shown):
    make = {"docx": docx_bytes, "pdf": pdf_bytes, "xlsx": xlsx_bytes, "png": png_bytes}[filename.rsplit(".", 1)[1]]
    assert check_upload(filename, make(), LIMIT).display_name == shown


def test_long_display_name_is_cut_keeping_the_extension():
    name = check_upload("审" * 300 + ".pdf", pdf_bytes(), LIMIT).display_name
    assert name == "审" * 116 + ".pdf"
    assert len(name) == 120


@given(st.text(max_size=300))
def test_any_display_name_is_safe_to_show(stem):
    name = check_upload(stem + ".pdf", pdf_bytes(), LIMIT).display_name
    assert name.endswith(".pdf")
    assert 5 <= len(name) <= 120
    assert "/" not in name and "\\" not in name
    assert not name.startswith(".")
    assert all(unicodedata.category(ch) not in ("Cc", "Cf") for ch in name)
    assert name.partition(".")[0].rstrip(" ").upper() not in filetypes._WINDOWS_DEVICES


def test_macro_enabled_document_renamed_to_docx_is_refused():
    import io
    import zipfile

    import docx as python_docx
    buf = io.BytesIO()
    python_docx.Document().save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 512)
    with pytest.raises(UploadRejected) as e:
        check_upload("宏文档.docx", out.getvalue(), 10 * 1024 * 1024)
    assert "含宏" in e.value.message
