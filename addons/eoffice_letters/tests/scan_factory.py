"""Generated scans of paper letters for the OCR tests: varied letterheads, fonts, layouts, number
formats and dates, printed by PIL and spoiled the way a scanner spoils them (dust, a slight skew,
JPEG compression). Each sample carries the three facts TU types into the register, so a test can
run the real OCR on the image and compare."""
import datetime
import io
import os
import random
from dataclasses import dataclass

# (regular, bold) pairs; the test uses the ones this machine has and says which were used
FONT_PAIRS = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf",
     "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Bold.otf"),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
    ("/usr/share/fonts/opentype/urw-base35/P052-Roman.otf", "/usr/share/fonts/opentype/urw-base35/P052-Bold.otf"),
    ("/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
     "/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf"),
    ("/usr/share/fonts/opentype/urw-base35/C059-Roman.otf", "/usr/share/fonts/opentype/urw-base35/C059-Bold.otf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf"),
    ("/usr/share/fonts/opentype/urw-base35/URWBookman-Light.otf",
     "/usr/share/fonts/opentype/urw-base35/URWBookman-Demi.otf"),
]


def available_fonts():
    return [pair for pair in FONT_PAIRS if os.path.exists(pair[0]) and os.path.exists(pair[1])]


@dataclass
class Sample:
    """One paper letter: what is printed, and what TU would type from it."""

    letterhead: list  # lines of the kop surat, the first ones bold
    address: str
    number_line: str  # the "Nomor : ..." line as printed
    date_line: str  # the place and date as printed
    layout: str  # where the date goes: "right_top", "same_line", "bottom", "field"
    sender: str
    number: str
    date: datetime.date
    subject: str = "Permohonan Data"
    body_trap: str = ""  # a line of the body with a date that is not the letter's date


SAMPLES = [
    Sample(["PEMERINTAH KABUPATEN PASER", "DINAS KESEHATAN"], "Jalan Jenderal Sudirman Nomor 27 Tanah Grogot",
           "Nomor : 440/1234/Dinkes/2026", "Paser, 12 Maret 2026", "right_top",
           "Dinas Kesehatan Kabupaten Paser", "440/1234/Dinkes/2026", datetime.date(2026, 3, 12),
           body_trap="Rapat dilaksanakan pada hari Senin, 20 April 2026 pukul 09.00 WITA."),
    Sample(["PEMERINTAH KOTA BALIKPAPAN", "BADAN PERENCANAAN PEMBANGUNAN DAERAH"],
           "Jl. Jenderal Sudirman No. 1 Balikpapan Telp. (0542) 421 234", "Nomor: 050/77/Bappeda-II/2026",
           "Balikpapan, 3 Februari 2026", "same_line",
           "Badan Perencanaan Pembangunan Daerah Kota Balikpapan", "050/77/Bappeda-II/2026",
           datetime.date(2026, 2, 3)),
    Sample(["KEMENTERIAN DALAM NEGERI", "REPUBLIK INDONESIA"], "Jalan Medan Merdeka Utara Nomor 7 Jakarta 10110",
           "Nomor : 000.1.2.3/4461/SJ", "Jakarta, 27 Januari 2026", "right_top",
           "Kementerian Dalam Negeri Republik Indonesia", "000.1.2.3/4461/SJ", datetime.date(2026, 1, 27)),
    Sample(["BADAN PUSAT STATISTIK KABUPATEN PASER"], "Jalan Kusuma Bangsa Nomor 12 Tanah Grogot",
           "Nomor : B-123/64010/HM.300/2026", "Tanah Grogot, 05 Agustus 2026", "right_top",
           "Badan Pusat Statistik Kabupaten Paser", "B-123/64010/HM.300/2026", datetime.date(2026, 8, 5)),
    Sample(["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS PENDIDIKAN DAN KEBUDAYAAN"],
           "Jalan Basuki Rahmat Nomor 6 Samarinda, Telepon (0541) 736 432", "NOMOR : 421.3/2210/Disdikbud.III/2026",
           "Samarinda, 12-03-2026", "right_top",
           "Dinas Pendidikan dan Kebudayaan Provinsi Kalimantan Timur", "421.3/2210/Disdikbud.III/2026",
           datetime.date(2026, 3, 12)),
    Sample(["PEMERINTAH KABUPATEN PENAJAM PASER UTARA", "SEKRETARIAT DAERAH"],
           "Jalan Provinsi KM 9 Nipah-Nipah, Penajam", "Nomor : 800.1.11.1/15/BKPSDM/2026",
           "Penajam, 30 November 2026", "bottom",
           "Sekretariat Daerah Kabupaten Penajam Paser Utara", "800.1.11.1/15/BKPSDM/2026",
           datetime.date(2026, 11, 30),
           body_trap="Kegiatan dimulai pada hari Kamis, 10 Desember 2026 di Aula Kantor Bupati."),
    Sample(["UNIVERSITAS MULAWARMAN", "FAKULTAS TEKNIK"], "Jalan Sambaliung Nomor 9 Kampus Gunung Kelua Samarinda",
           "Nomor : 1021/UN17.9/KM/2026", "Samarinda, 9 Oktober 2026", "same_line",
           "Universitas Mulawarman Fakultas Teknik", "1021/UN17.9/KM/2026", datetime.date(2026, 10, 9)),
    Sample(["PEMERINTAH KABUPATEN PASER", "KECAMATAN TANAH GROGOT"], "Jalan Kesuma Bangsa Nomor 3 Tanah Grogot",
           "No. : 005/ 87 /Kec.TG/VI/2026", "Tanggal : 15/06/2026", "field",
           "Kecamatan Tanah Grogot Kabupaten Paser", "005/87/Kec.TG/VI/2026", datetime.date(2026, 6, 15)),
    Sample(["PT BANK PEMBANGUNAN DAERAH", "KALIMANTAN TIMUR DAN KALIMANTAN UTARA"],
           "Jalan Jenderal Sudirman Nomor 33 Samarinda", "Nomor : 2201/DIR-UM/BPD/2026", "Samarinda, 1 Juli 2026",
           "bottom", "PT Bank Pembangunan Daerah Kalimantan Timur dan Kalimantan Utara", "2201/DIR-UM/BPD/2026",
           datetime.date(2026, 7, 1)),
    Sample(["PEMERINTAH KOTA SAMARINDA", "DINAS KOMUNIKASI DAN INFORMATIKA"],
           "Jalan Dahlia Nomor 81 Samarinda, Laman diskominfo.samarindakota.go.id",
           "Nomor : 555/312/Diskominfo.01/IV/2026", "Samarinda, 21 April 2026", "right_top",
           "Dinas Komunikasi dan Informatika Kota Samarinda", "555/312/Diskominfo.01/IV/2026",
           datetime.date(2026, 4, 21)),
    Sample(["PEMERINTAH KABUPATEN KUTAI BARAT", "BADAN PENANGGULANGAN BENCANA DAERAH"],
           "Jalan Sendawar Raya Nomor 1 Sendawar", "Nomor : 360/045/BPBD-KB/2026", "Sendawar, 2 Mei 2026",
           "same_line", "Badan Penanggulangan Bencana Daerah Kabupaten Kutai Barat", "360/045/BPBD-KB/2026",
           datetime.date(2026, 5, 2)),
    Sample(["INSPEKTORAT DAERAH KABUPATEN PASER"], "Jalan Noto Sunardi Nomor 4 Tanah Grogot",
           "Nomor : 700.1.2/88/Itda/2026", "Paser, 17 September 2026", "field",
           "Inspektorat Daerah Kabupaten Paser", "700.1.2/88/Itda/2026", datetime.date(2026, 9, 17)),
]


def render_scan(sample, index, fonts=None):
    """The sample printed on an A4 page at 200 dpi and scanned: PNG (or JPEG for odd indexes) bytes."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    fonts = fonts or available_fonts()
    rng = random.Random(index * 7919 + 13)
    width, height = 1654, 2339
    if fonts:
        regular_path, bold_path = fonts[index % len(fonts)]
        size = 36 + (index % 3) * 3

        def font(bold=False, scale=1.0):
            return ImageFont.truetype(bold_path if bold else regular_path, int(size * scale))
    else:
        def font(bold=False, scale=1.0):
            return ImageFont.load_default(size=int(36 * scale))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    left, right = 150 + rng.randrange(0, 40), width - 150
    y = 110 + rng.randrange(0, 40)

    # kop surat: a logo on the left for some, bold centred lines beside it, the address, a double rule
    logo = index % 2 == 0
    text_left = left + 190 if logo else left

    def centered(text, bold, scale):
        nonlocal y
        fnt = font(bold=bold, scale=scale)
        while draw.textlength(text, font=fnt) > right - text_left and scale > 0.5:
            scale -= 0.05
            fnt = font(bold=bold, scale=scale)
        w = draw.textlength(text, font=fnt)
        draw.text((text_left + (right - text_left - w) / 2, y), text, fill=0, font=fnt)
        y += int(fnt.size * 1.45)

    if logo:
        draw.rectangle((left, y, left + 150, y + 170), outline=0, width=5)
        draw.ellipse((left + 30, y + 30, left + 120, y + 140), outline=0, width=4)
    for i, line in enumerate(sample.letterhead):
        centered(line, True, 1.35 if i == len(sample.letterhead) - 1 else 1.15)
    centered(sample.address, False, 0.75)
    y += 10
    draw.line((left, y, right, y), fill=0, width=6)
    draw.line((left, y + 12, right, y + 12), fill=0, width=2)
    y += 70

    body = font()
    line_h = int(body.size * 1.6)
    label_col, colon_col, value_col = left, left + 230, left + 260

    def field(label, value, yy):
        draw.text((label_col, yy), label, fill=0, font=body)
        draw.text((colon_col, yy), ":", fill=0, font=body)
        draw.text((value_col, yy), value, fill=0, font=body)

    def date_right(yy):
        w = draw.textlength(sample.date_line, font=body)
        draw.text((right - w, yy), sample.date_line, fill=0, font=body)

    if sample.layout == "right_top":
        date_right(y)
        y += line_h * 2
    label, _sep, value = sample.number_line.partition(":")
    field(label.strip(), value.strip(), y)
    if sample.layout == "same_line":
        date_right(y)
    y += line_h
    field("Sifat", "Biasa", y)
    y += line_h
    field("Lampiran", "1 (satu) berkas" if index % 2 else "-", y)
    y += line_h
    field("Hal", sample.subject, y)
    y += line_h
    if sample.layout == "field":
        label, _sep, value = sample.date_line.partition(":") if ":" in sample.date_line else ("", "", "")
        if value:
            field(label.strip(), value.strip(), y)
        else:
            draw.text((label_col, y), sample.date_line, fill=0, font=body)
        y += line_h
    y += line_h
    for text in ("Yth. Kepala Dinas Komunikasi dan Informatika", "di -", "      Tempat", ""):
        draw.text((left + (0 if index % 3 else 600), y), text, fill=0, font=body)
        y += line_h
    paragraph = [
        "Dengan hormat, bersama ini kami sampaikan permohonan data",
        "sektoral tahun berjalan untuk keperluan penyusunan laporan.",
    ]
    if sample.body_trap:
        paragraph.append(sample.body_trap)
    paragraph += ["Demikian kami sampaikan, atas perhatiannya diucapkan terima kasih."]
    for text in paragraph:
        draw.text((left + 60, y), text, fill=0, font=body)
        y += line_h
    y += line_h
    sign_x = width // 2 + 120
    if sample.layout == "bottom":
        draw.text((sign_x, y), sample.date_line, fill=0, font=body)
        y += line_h
    for text in ("Kepala,", "", "", "Nama Pejabat, S.T., M.Si.", "NIP 19780101 200501 1 001"):
        draw.text((sign_x, y), text, fill=0, font=body)
        y += line_h

    # the scanner: dust, a slight skew, a little blur, JPEG for some
    pixels = image.load()
    for _i in range(3000 + rng.randrange(3000)):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.randrange(256)
    angle = rng.uniform(-0.9, 0.9)
    image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    if index % 3 == 1:
        image = image.filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    if index % 2:
        image.save(out, format="JPEG", quality=70, dpi=(200, 200))
    else:
        image.save(out, format="PNG", dpi=(200, 200))
    return out.getvalue()
