#!/usr/bin/env python3
"""Generate addons/eoffice_skpd/demo/eoffice_skpd_demo.xml: the demo Pemda "Kabupaten Contoh".

Deterministic (fixed seed) so the demo data is stable; rerun after editing the tables below.
"""
import random
from pathlib import Path
from xml.sax.saxutils import escape

random.seed(2026)
OUT = Path(__file__).resolve().parent.parent / "addons/eoffice_skpd/demo/eoffice_skpd_demo.xml"

FIRST_M = ["Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Joko", "Slamet", "Bambang", "Rudi",
           "Wahyu", "Yusuf", "Teguh", "Arief", "Hadi", "Imam", "Rahmat", "Sugeng", "Taufik", "Andi", "Dimas"]
FIRST_F = ["Sri", "Dewi", "Siti", "Rina", "Wulan", "Endang", "Nurul", "Fitri", "Ratna", "Yuni", "Ani",
           "Lestari", "Indah", "Ayu", "Maya", "Diah", "Retno", "Tri", "Novi", "Putri"]
LAST = ["Santoso", "Wibowo", "Saputra", "Hidayat", "Nugroho", "Setiawan", "Kurniawan", "Pratama", "Susanto",
        "Rahayu", "Wijaya", "Purnomo", "Suryani", "Lestari", "Handayani", "Permana", "Hakim", "Utami",
        "Siregar", "Nasution", "Harahap", "Simanjuntak", "Pangaribuan", "Sembiring"]
GOL_BY_LEVEL = {"kepala_daerah": False, "eselon_1": "4d", "eselon_2": "4c", "eselon_3": "4a", "eselon_4": "3d",
                "fungsional": "3c", "pelaksana": "3a"}

# xmlid, name, short code, SKPD code, type, parent xmlid, street, units, bidang names
SKPD = [
    ("skpd_setda", "Sekretariat Daerah", "SETDA", "4.01.0.00.0.00.01.0000", "setda", None,
     "Jl. Jenderal Sudirman No. 1", [("umum", "Bagian Umum", "100.1", "bidang"),
                                     ("hukum", "Bagian Hukum", "100.3", "bidang")]),
    ("skpd_kominfo", "Dinas Komunikasi dan Informatika", "DISKOMINFO", "2.16.2.20.2.21.01.0000", "dinas", None,
     "Jl. Pemuda No. 12", [("aptika", "Bidang Aplikasi Informatika", "555.1", "bidang"),
                           ("ikp", "Bidang Informasi dan Komunikasi Publik", "555.2", "bidang")]),
    ("skpd_dinkes", "Dinas Kesehatan", "DINKES", "1.02.0.00.0.00.01.0000", "dinas", None,
     "Jl. Dr. Soetomo No. 5", [("yankes", "Bidang Pelayanan Kesehatan", "440.1", "bidang"),
                               ("p2p", "Bidang Pencegahan dan Pengendalian Penyakit", "440.2", "bidang")]),
    ("skpd_bappeda", "Badan Perencanaan Pembangunan Daerah", "BAPPEDA", "5.01.5.05.0.00.01.0000", "badan", None,
     "Jl. Diponegoro No. 20", [("perencanaan", "Bidang Perencanaan dan Evaluasi", "050.1", "bidang")]),
    ("skpd_bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "5.02.0.00.0.00.01.0000", "badan", None,
     "Jl. Diponegoro No. 22", [("anggaran", "Bidang Anggaran", "900.1", "bidang"),
                               ("perbendaharaan", "Bidang Perbendaharaan", "900.2", "bidang")]),
    ("skpd_inspektorat", "Inspektorat Daerah", "INSPEKTORAT", "6.01.0.00.0.00.01.0000", "inspektorat", None,
     "Jl. Veteran No. 3", [("irban1", "Inspektur Pembantu Wilayah I", "700.1", "bidang")]),
    ("skpd_kec_kota", "Kecamatan Contoh Kota", "KEC-KOTA", "7.01.0.00.0.00.01.0000", "kecamatan", None,
     "Jl. Merdeka No. 7", [("pemerintahan", "Seksi Pemerintahan", "100.2", "seksi")]),
    ("skpd_uptd_puskesmas", "UPTD Puskesmas Contoh Kota", "PKM-KOTA", "1.02.0.00.0.00.01.0001", "uptd",
     "skpd_dinkes", "Jl. Kesehatan No. 2", []),
    ("skpd_kel_sukamaju", "Kelurahan Sukamaju", "KEL-SKMJ", "7.01.0.00.0.00.01.0001", "kelurahan",
     "skpd_kec_kota", "Jl. Melati No. 9", []),
]
HEAD_TITLE = {"setda": "Sekretaris Daerah", "dinas": "Kepala {name}", "badan": "Kepala {name}",
              "inspektorat": "Inspektur", "kecamatan": "Camat {short}", "uptd": "Kepala {name}",
              "kelurahan": "Lurah {short}"}

out = []
w = out.append


def field(name, value):
    return f'        <field name="{name}">{escape(str(value))}</field>'


used_nips = set()


def nip_for(gender, level):
    birth_year = {"kepala_daerah": 1968, "eselon_1": 1968, "eselon_2": 1972, "eselon_3": 1976,
                  "eselon_4": 1980, "fungsional": 1985, "pelaksana": 1990}[level] + random.randint(0, 4)
    while True:
        birth = f"{birth_year:04d}{random.randint(1, 12):02d}{random.randint(1, 28):02d}"
        appt = f"{birth_year + random.randint(22, 27):04d}{random.randint(1, 12):02d}"
        nip = f"{birth}{appt}{'1' if gender == 'male' else '2'}{random.randint(1, 9):03d}"
        if nip not in used_nips:
            used_nips.add(nip)
            return nip


def person():
    gender = random.choice(["male", "female"])
    first = random.choice(FIRST_M if gender == "male" else FIRST_F)
    return gender, f"{first} {random.choice(LAST)}"


employees = []  # (xmlid, name, gender, level, company xmlid, department xmlid)
positions = []  # (xmlid, name, company, department, parent, level, employee xmlid)
users = {}      # employee xmlid -> (login, groups)


# Seats with a login besides the heads': everyone a demo disposition can reach at Dinas Kesehatan
# can follow it up
SEAT_LOGINS = {
    "pos_skpd_dinkes_sekr": ("sekretaris.kesehatan", ["eoffice_skpd.group_official"]),
    "pos_skpd_dinkes_yankes_head": ("kabid.yankes", ["eoffice_skpd.group_official"]),
    "pos_skpd_dinkes_p2p_head": ("kabid.p2p", ["eoffice_skpd.group_official"]),
    "pos_skpd_dinkes_tu": ("tu.kesehatan", ["eoffice_skpd.group_agendaris"]),
    "pos_skpd_uptd_puskesmas_head": ("kepala.puskesmas", ["eoffice_skpd.group_official"]),
}


def add_seat(xid, name, company, dept, parent, level, login=None, groups=None, vacant=False):
    emp = None
    if login is None and xid in SEAT_LOGINS:
        login, groups = SEAT_LOGINS[xid]
    if not vacant:
        gender, pname = person()
        emp = f"emp_{xid[4:]}"
        employees.append((emp, pname, gender, level, company, dept))
        if login:
            users[emp] = (login, groups)
    positions.append((xid, name, company, dept, parent, level, emp))
    return xid


# Pemda-level seats
add_seat("pos_bupati", "Bupati Contoh", "base.main_company", None, None, "kepala_daerah",
         "bupati", ["eoffice_skpd.group_executive"])
LOGINS = {"skpd_setda": ("sekda", ["eoffice_skpd.group_executive"]),
          "skpd_kominfo": ("kadis.kominfo", ["eoffice_skpd.group_official"]),
          "skpd_dinkes": ("kadis.kesehatan", ["eoffice_skpd.group_official"])}
for (sx, sname, short, code, stype, parent, street, units) in SKPD:
    head_level = "eselon_1" if stype == "setda" else ("eselon_3" if stype in ("kelurahan", "uptd") else "eselon_2")
    head_name = HEAD_TITLE[stype].format(name=sname, short=sname.replace("Kecamatan ", "").replace("Kelurahan ", ""))
    parent_pos = "pos_bupati" if stype in ("setda",) else ("pos_skpd_setda_head" if not parent else f"pos_{parent}_head")
    login, groups = LOGINS.get(sx, (None, None))
    head = add_seat(f"pos_{sx}_head", head_name, sx, f"dept_{sx}_sekr" if units else None, parent_pos,
                    head_level, login, groups)
    if not units:
        add_seat(f"pos_{sx}_staff", f"Staf {sname}", sx, None, head, "pelaksana")
        continue
    sekr = add_seat(f"pos_{sx}_sekr", "Sekretaris" if stype != "setda" else "Asisten Administrasi Umum",
                    sx, f"dept_{sx}_sekr", head, "eselon_3")
    kasubbag = add_seat(f"pos_{sx}_kasubbag", "Kepala Sub Bagian Umum dan Kepegawaian", sx, f"dept_{sx}_umpeg",
                        sekr, "eselon_4")
    if sx == "skpd_kominfo":
        add_seat(f"pos_{sx}_tu", "Pengadministrasi Umum (Agendaris)", sx, f"dept_{sx}_umpeg", kasubbag,
                 "pelaksana", "tu.kominfo", ["eoffice_skpd.group_agendaris"])
        add_seat(f"pos_{sx}_admin", "Pranata Komputer (Admin SKPD)", sx, f"dept_{sx}_umpeg", kasubbag,
                 "fungsional", "admin.kominfo", ["eoffice_skpd.group_skpd_admin"])
    elif sx == "skpd_inspektorat":
        add_seat(f"pos_{sx}_auditor", "Auditor Ahli Muda", sx, f"dept_{sx}_irban1", head, "fungsional",
                 "auditor", ["eoffice_skpd.group_auditor"])
    else:
        add_seat(f"pos_{sx}_tu", "Pengadministrasi Umum", sx, f"dept_{sx}_umpeg", kasubbag, "pelaksana")
    for ukey, uname, _ucode, _utype in units:
        kabid = add_seat(f"pos_{sx}_{ukey}_head", ("Kepala " if not uname.startswith("Inspektur") else "") + uname,
                         sx, f"dept_{sx}_{ukey}", head, "eselon_3")
        kasi = add_seat(f"pos_{sx}_{ukey}_kasi", "Kepala Seksi " + uname.split(" ", 1)[1] if uname.startswith("Bidang")
                        else "Analis " + uname, sx, f"dept_{sx}_{ukey}", kabid, "eselon_4"
                        if uname.startswith("Bidang") else "fungsional")
        staff_login = ("staf.kominfo", ["eoffice_skpd.group_staff"]) if f"{sx}_{ukey}" == "skpd_kominfo_aptika" \
            else (None, None)
        add_seat(f"pos_{sx}_{ukey}_staff", "Pelaksana " + uname, sx, f"dept_{sx}_{ukey}", kasi, "pelaksana",
                 *staff_login)
# A vacant seat with a Plt.
add_seat("pos_skpd_kominfo_ikp_vacant", "Kepala Seksi Kemitraan Media", "skpd_kominfo", "dept_skpd_kominfo_ikp",
         "pos_skpd_kominfo_ikp_head", "eselon_4", vacant=True)

w('<?xml version="1.0" encoding="utf-8"?>')
w("<!-- Generated by tools/gen_skpd_demo.py: the demo Pemda \"Pemerintah Kabupaten Contoh\". -->")
w("<odoo context=\"{'lang': 'id_ID'}\">")
w("    <!-- The demo is made in Indonesian, as its Pemda works: its chatter, tracked values and names are")
w("         stored in the language they are read in. Odoo loads a module's translations after its demo,")
w("         so they are loaded first. -->")
w("    <function model=\"ir.module.module\" name=\"_update_translations\" eval=\"[ref('base.module_eoffice_skpd')]\"/>")
w('    <record id="base.IDR" model="res.currency"><field name="active" eval="True"/></record>')
w('    <record id="base.main_company" model="res.company">')
for line in [field("name", "Pemerintah Kabupaten Contoh"), field("street", "Jl. Jenderal Sudirman No. 1"),
             field("city", "Contoh"), field("zip", "50111"), field("phone", "(0271) 123456"),
             field("email", "pemda@contohkab.go.id"), field("website", "https://contohkab.go.id"),
             field("skpd_short_code", "PEMKAB")]:
    w(line)
w('        <field name="country_id" ref="base.id"/>')
w('        <field name="currency_id" ref="base.IDR"/>')
w("    </record>")
for i, (sx, sname, short, code, stype, parent, street, units) in enumerate(SKPD):
    w(f'    <record id="{sx}" model="res.company">')
    for line in [field("name", sname), field("is_skpd", "True"), field("skpd_code", code),
                 field("skpd_short_code", short), field("skpd_type", stype), field("street", street),
                 field("city", "Contoh"), field("zip", "50111"), field("phone", f"(0271) 1234{60 + i}"),
                 field("email", f"{short.lower().replace('-', '')}@contohkab.go.id"),
                 field("website", f"https://{short.lower().replace('-', '')}.contohkab.go.id")]:
        w(line.replace('name="is_skpd">True<', 'name="is_skpd" eval="True"><'))
    w(f'        <field name="parent_id" ref="{parent or "base.main_company"}"/>')
    w('        <field name="country_id" ref="base.id"/>')
    w('        <field name="currency_id" ref="base.IDR"/>')
    live = sx in ("skpd_setda", "skpd_kominfo", "skpd_dinkes", "skpd_bpkad", "skpd_bappeda")
    w(f'        <field name="eoffice_letters_live" eval="{live}"/>')
    w(f'        <field name="eoffice_disposition_live" eval="{live}"/>')
    w(f'        <field name="eoffice_budget_live" eval="{live}"/>')
    w("    </record>")
    if units:
        w(f'    <record id="dept_{sx}_sekr" model="hr.department">')
        w(field("name", "Sekretariat" if stype != "setda" else "Sekretariat Daerah"))
        w(field("unit_code", "SEKR"))
        w(field("unit_type", "sekretariat"))
        w(f'        <field name="company_id" ref="{sx}"/>')
        w("    </record>")
        w(f'    <record id="dept_{sx}_umpeg" model="hr.department">')
        w(field("name", "Sub Bagian Umum dan Kepegawaian"))
        w(field("unit_code", "UMPEG"))
        w(field("unit_type", "subbagian"))
        w(f'        <field name="company_id" ref="{sx}"/>')
        w(f'        <field name="parent_id" ref="dept_{sx}_sekr"/>')
        w("    </record>")
        for ukey, uname, ucode, utype in units:
            w(f'    <record id="dept_{sx}_{ukey}" model="hr.department">')
            w(field("name", uname))
            w(field("unit_code", ucode))
            w(field("unit_type", utype))
            w(f'        <field name="company_id" ref="{sx}"/>')
            w(f'        <field name="parent_id" ref="dept_{sx}_sekr"/>')
            w("    </record>")

all_companies = ["base.main_company"] + [s[0] for s in SKPD]
for emp, pname, gender, level, company, dept in employees:
    if emp in users:
        login, groups = users[emp]
        reads_all = any(g.endswith(("executive", "auditor")) for g in groups)
        companies = all_companies if reads_all else [company]
        w(f'    <record id="user_{emp[4:]}" model="res.users">')
        w(field("name", pname))
        w(field("login", login))
        w(field("email", f"{login}@contohkab.go.id"))
        w(field("lang", "id_ID"))
        w(f'        <field name="company_id" ref="{company}"/>')
        w('        <field name="company_ids" eval="[Command.set([%s])]"/>' %
          ", ".join(f"ref('{c}')" for c in companies))
        w('        <field name="groups_id" eval="[Command.set([%s])]"/>' %
          ", ".join(f"ref('{g}')" for g in ["base.group_user", *groups]))
        w("    </record>")
for emp, pname, gender, level, company, dept in employees:
    w(f'    <record id="{emp}" model="hr.employee">')
    w(field("name", pname))
    w(field("nip", nip_for(gender, level)))
    w(field("gender", gender))
    if GOL_BY_LEVEL[level]:
        w(field("golongan", GOL_BY_LEVEL[level]))
    w(f'        <field name="company_id" ref="{company}"/>')
    if dept:
        w(f'        <field name="department_id" ref="{dept}"/>')
    if emp in users:
        w(f'        <field name="user_id" ref="user_{emp[4:]}"/>')
    w(field("work_email", f"{pname.lower().replace(' ', '.')}@contohkab.go.id"))
    w("    </record>")
for xid, name, company, dept, parent, level, emp in positions:
    w(f'    <record id="{xid}" model="eoffice.position">')
    w(field("name", name))
    w(field("level", level))
    w(f'        <field name="company_id" ref="{company}"/>')
    if dept:
        w(f'        <field name="department_id" ref="{dept}"/>')
    if parent:
        w(f'        <field name="parent_id" ref="{parent}"/>')
    if emp:
        w(f'        <field name="employee_id" ref="{emp}"/>')
    w("    </record>")
for sx, *_rest in SKPD:
    w(f'    <record id="{sx}" model="res.company"><field name="head_position_id" ref="pos_{sx}_head"/></record>')
# The Kasi of Aplikasi Informatika is Plt. of the vacant seat for the whole demo year.
w('    <record id="acting_kominfo_kemitraan" model="eoffice.position.acting">')
w('        <field name="position_id" ref="pos_skpd_kominfo_ikp_vacant"/>')
w('        <field name="employee_id" ref="emp_skpd_kominfo_aptika_kasi"/>')
w(field("kind", "plt"))
w('        <field name="date_from" eval="(DateTime.today() - relativedelta(months=1)).strftime(\'%Y-%m-%d\')"/>')
w('        <field name="date_to" eval="(DateTime.today() + relativedelta(months=5)).strftime(\'%Y-%m-%d\')"/>')
w(field("decree_number", "800.1.3.3/17/DISKOMINFO/2026"))
w("    </record>")
w('    <record id="base.user_admin" model="res.users">')
w('        <field name="company_ids" eval="[Command.set([%s])]"/>' % ", ".join(f"ref('{c}')" for c in all_companies))
w(field("lang", "id_ID"))
w("    </record>")
# the README's one demo password, set past the password policy (see res.users._eoffice_demo_password)
w('    <function model="res.users" name="_eoffice_demo_password" eval="[[%s]]"/>' % ", ".join(
    f"ref('user_{emp[4:]}')" for emp, *_rest in employees if emp in users))
w("</odoo>")
OUT.write_text("\n".join(out) + "\n")
print(f"{OUT}: {len(employees)} employees, {len(positions)} positions, {len(users)} users")
