from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

SKPD_TYPES = [
    ("setda", "Sekretariat Daerah"),
    ("setwan", "Sekretariat DPRD"),
    ("inspektorat", "Inspektorat"),
    ("dinas", "Dinas"),
    ("badan", "Badan"),
    ("satpol", "Satuan Polisi Pamong Praja"),
    ("rsud", "RSUD"),
    ("kecamatan", "Kecamatan"),
    ("kelurahan", "Kelurahan"),
    ("uptd", "UPTD"),
    ("other", "Other"),
]
# Types that are part of another SKPD rather than standing on their own under the Pemda
SUBORDINATE_TYPES = ("kelurahan", "uptd")


class ResCompany(models.Model):
    """The Pemda is a company; each SKPD is a branch company under it."""

    _inherit = "res.company"

    is_skpd = fields.Boolean(
        string="Is an SKPD", index=True,
        help="Set on every SKPD/OPD. The Pemda itself is the parent company and is not an SKPD.")
    skpd_code = fields.Char(
        string="SKPD Code", index=True,
        help="Regulation code of the SKPD, e.g. 2.16.2.20.2.21.01.0000 (Permendagri 90/2019).")
    skpd_short_code = fields.Char(
        string="Letter Code",
        help="Short code printed in letter numbers, e.g. DISKOMINFO.")
    skpd_type = fields.Selection(SKPD_TYPES, string="SKPD Type")
    pemda_id = fields.Many2one(
        "res.company", string="Pemda", compute="_compute_pemda_id", store=True, recursive=True,
        help="The regional government the SKPD belongs to (the root company).")
    letterhead_government = fields.Char(
        string="Letterhead: Government", compute="_compute_letterhead", store=True, readonly=False,
        help="First line of the letterhead, e.g. PEMERINTAH KABUPATEN CONTOH.")
    letterhead_office = fields.Char(
        string="Letterhead: Office", compute="_compute_letterhead", store=True, readonly=False,
        help="Second line of the letterhead, e.g. DINAS KOMUNIKASI DAN INFORMATIKA.")
    head_position_id = fields.Many2one(
        "eoffice.position", string="Head of SKPD", domain="[('company_id', '=', id)]",
        help="The seat that leads the SKPD (Kepala Dinas, Camat, ...).")
    eoffice_letters_live = fields.Boolean(
        string="Letters Live", help="The SKPD handles its official letters in the e-Office.")
    eoffice_disposition_live = fields.Boolean(
        string="Disposition Live", help="The SKPD disposes incoming letters in the e-Office.")
    eoffice_budget_live = fields.Boolean(
        string="Budget Live", help="The SKPD drafts and executes its budget in the e-Office.")

    _sql_constraints = [
        ("skpd_code_uniq", "unique(skpd_code)", "Another SKPD already uses this SKPD code."),
        ("skpd_short_code_uniq", "unique(skpd_short_code)", "Another SKPD already uses this letter code."),
    ]

    @api.depends("parent_id", "parent_id.pemda_id")
    def _compute_pemda_id(self):
        for company in self:
            company.pemda_id = company.parent_id.pemda_id or company.parent_id or company

    @api.depends("name", "is_skpd", "pemda_id.name")
    def _compute_letterhead(self):
        for company in self:
            pemda = company.pemda_id
            if company.is_skpd:
                company.letterhead_government = (pemda.name or "").upper()
                company.letterhead_office = (company.name or "").upper()
            else:
                company.letterhead_government = (company.name or "").upper()
                company.letterhead_office = False

    def write(self, vals):
        result = super().write(vals)
        if set(vals) & {*self._eoffice_live_menus(), "partner_id", "parent_id"}:
            # menus are cached per user; an SKPD's time zone (_eoffice_tz) follows its partner and Pemda
            self.env.registry.clear_cache()
        return result

    @api.model
    @tools.ormcache("company_id")
    def _eoffice_tz(self, company_id):
        """The time zone of an SKPD: its own partner's, else its Pemda's, else WIB. Read on every check
        of who holds a seat today (three times for one page of letters), so cached per company and
        cleared when a partner's time zone or a company's partner or parent changes."""
        self.env["res.partner"].flush_model(["tz"])
        self.flush_model(["partner_id", "pemda_id"])
        self.env.cr.execute(SQL("""
            SELECT COALESCE(cp.tz, pp.tz)
              FROM res_company c JOIN res_partner cp ON cp.id = c.partner_id
              LEFT JOIN res_company p ON p.id = c.pemda_id LEFT JOIN res_partner pp ON pp.id = p.partner_id
             WHERE c.id = %s""", company_id))
        row = self.env.cr.fetchone()
        return (row and row[0]) or "Asia/Jakarta"

    @api.model
    def _eoffice_pemda_name(self):
        """The name of the Pemda this database serves (the top company), for public pages."""
        return self.sudo().search([("parent_id", "=", False)], order="id", limit=1).name or ""

    @api.model
    def _eoffice_pemda_lang(self):
        """The language of the Pemda: what text stored for everyone is written in when no user's
        language applies (scheduled jobs, shared record names such as "Tahun Anggaran 2026").

        It is the language of the Pemda's own partner (Settings > Companies), a setting of the
        organisation rather than of one person: the administrator is an engineer who may read English,
        and the account may be renamed or replaced. Indonesian when that language is not active, the
        source language when Indonesian is not installed either."""
        Lang = self.env["res.lang"]
        pemda = self.sudo().search([("parent_id", "=", False)], order="id", limit=1)
        for code in (pemda.partner_id.lang, "id_ID"):
            if code and Lang._get_data(code=code):
                return code
        return "en_US"

    @api.model
    def _eoffice_live_menus(self):
        """{live switch field: xmlid of the feature's root menu}, extended by each module built on
        eoffice_skpd; the menus of a feature switched off everywhere a user works are hidden."""
        return {}

    def _eoffice_check_live(self, switch, feature):
        """Refuse a user's own records of a feature in an SKPD that has not gone live with it.

        ``switch`` is the Boolean field of the feature (e.g. ``eoffice_letters_live``), ``feature`` its
        translated name; each module built on eoffice_skpd calls this for its own switch. Only an SKPD is
        gated (the Pemda itself is not rolled out). The workflow's own creations (sudo: a letter delivered
        into another SKPD) pass, so a Pemda rolling out SKPD by SKPD still reaches an SKPD not yet live."""
        if self.env.su:
            return
        for company in self.sudo():
            if company.is_skpd and not company[switch]:
                raise UserError(self.env._(
                    "%(feature)s is not live yet in %(skpd)s: nothing can be created there until the Pemda "
                    "switches it on for this SKPD.", feature=feature, skpd=company.name))
