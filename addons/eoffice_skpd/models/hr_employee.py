import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError

GOLONGAN = [
    ("1a", "Juru Muda (I/a)"), ("1b", "Juru Muda Tingkat I (I/b)"), ("1c", "Juru (I/c)"),
    ("1d", "Juru Tingkat I (I/d)"),
    ("2a", "Pengatur Muda (II/a)"), ("2b", "Pengatur Muda Tingkat I (II/b)"), ("2c", "Pengatur (II/c)"),
    ("2d", "Pengatur Tingkat I (II/d)"),
    ("3a", "Penata Muda (III/a)"), ("3b", "Penata Muda Tingkat I (III/b)"), ("3c", "Penata (III/c)"),
    ("3d", "Penata Tingkat I (III/d)"),
    ("4a", "Pembina (IV/a)"), ("4b", "Pembina Tingkat I (IV/b)"), ("4c", "Pembina Utama Muda (IV/c)"),
    ("4d", "Pembina Utama Madya (IV/d)"), ("4e", "Pembina Utama (IV/e)"),
]

# The groups with read access on eoffice.position and eoffice.position.acting (ir.model.access.csv):
# the fields core models get towards them carry these groups, so that users without them (a plain
# internal user, an HR officer) can still read the core records.
POSITION_READERS = "eoffice_skpd.group_staff,eoffice_skpd.group_auditor"


def parse_nip(env, nip):
    """Check an 18-digit NIP and return (birth date, appointment date, gender).

    Layout (BKN): YYYYMMDD birth date, YYYYMM appointment (TMT CPNS), one sex digit
    (1 male, 2 female), three digits of sequence. Raises ValidationError that says which
    part is wrong, so a SIMPEG import can report each bad row precisely.
    """
    nip = (nip or "").replace(" ", "")
    if not nip.isdigit():
        raise ValidationError(env._("NIP %(nip)s must contain digits only.", nip=nip))
    if len(nip) != 18:
        raise ValidationError(env._("NIP %(nip)s must have 18 digits, not %(count)s.", nip=nip, count=len(nip)))
    try:
        birth = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(env._(
            "NIP %(nip)s: the first 8 digits (%(part)s) are not a valid birth date (YYYYMMDD).",
            nip=nip, part=nip[0:8])) from None
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12 or year < 1945:
        raise ValidationError(env._(
            "NIP %(nip)s: digits 9-14 (%(part)s) are not a valid appointment year and month (YYYYMM).",
            nip=nip, part=nip[8:14]))
    appointment = datetime.date(year, month, 1)
    if appointment > fields.Date.context_today(env.user) or year - birth.year < 18:
        raise ValidationError(env._(
            "NIP %(nip)s: the appointment %(part)s must lie in the past and at least 18 years after the "
            "birth year.", nip=nip, part=nip[8:14]))
    if birth.year < 1940:
        raise ValidationError(env._("NIP %(nip)s: the birth year %(year)s is not plausible.",
                                    nip=nip, year=birth.year))
    if nip[14] not in "12":
        raise ValidationError(env._(
            "NIP %(nip)s: digit 15 must be 1 (male) or 2 (female), not %(digit)s.", nip=nip, digit=nip[14]))
    if nip[15:] == "000":
        raise ValidationError(env._("NIP %(nip)s: the sequence number (last 3 digits) cannot be 000.", nip=nip))
    return birth, appointment, "male" if nip[14] == "1" else "female"


class HrEmployee(models.Model):
    """A civil servant (ASN)."""

    _inherit = "hr.employee"

    nip = fields.Char(string="NIP", index=True, tracking=True,
                      help="Nomor Induk Pegawai: 18 digits.")
    golongan = fields.Selection(GOLONGAN, string="Rank (Pangkat/Golongan)", tracking=True)
    # Seats and acting assignments are read by whoever may read positions (the e-Office groups), not
    # by every internal user: an HR officer or a plain internal user has no right on the comodels, so
    # the fields carry the comodels' reader groups. Their twins on hr.employee.public below let
    # colleagues who are not HR officers read them through the public profile, Odoo's way.
    position_ids = fields.One2many("eoffice.position", "employee_id", string="Positions Held",
                                   groups=POSITION_READERS)
    acting_ids = fields.One2many("eoffice.position.acting", "employee_id", string="Acting Assignments",
                                 groups=POSITION_READERS)

    _sql_constraints = [
        ("nip_uniq", "unique(nip)", "Another employee already has this NIP."),
    ]

    @api.constrains("nip")
    def _check_nip(self):
        for employee in self.filtered("nip"):
            parse_nip(self.env, employee.nip)

    @api.onchange("nip")
    def _onchange_nip(self):
        """Fill the birth date and gender the NIP encodes, when they are still empty."""
        if self.nip and len(self.nip) == 18 and self.nip.isdigit():
            try:
                birth, _appointment, gender = parse_nip(self.env, self.nip)
            except ValidationError:
                return
            self.birthday = self.birthday or birth
            self.gender = self.gender or gender


class HrEmployeePublic(models.Model):
    """NIP and rank are public inside the Pemda: they are printed on every signed letter. The seats a
    colleague holds are public to those who may read positions at all (the record rules of positions
    still limit which ones)."""

    _inherit = "hr.employee.public"

    nip = fields.Char(string="NIP", readonly=True)
    golongan = fields.Selection(GOLONGAN, string="Rank (Pangkat/Golongan)", readonly=True)
    position_ids = fields.One2many("eoffice.position", "employee_id", string="Positions Held", readonly=True,
                                   groups=POSITION_READERS)
    acting_ids = fields.One2many("eoffice.position.acting", "employee_id", string="Acting Assignments",
                                 readonly=True, groups=POSITION_READERS)
