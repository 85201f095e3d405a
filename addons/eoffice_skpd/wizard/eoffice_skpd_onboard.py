from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.hr_employee import parse_nip
from ..models.res_company import SKPD_TYPES, SUBORDINATE_TYPES

HEAD_LEVEL = {"setda": "eselon_1", "uptd": "eselon_3", "kelurahan": "eselon_3", "kecamatan": "eselon_2"}


class EofficeSkpdOnboard(models.TransientModel):
    """Onboard one SKPD in a single step (the Banyumas way: a few pilot SKPD, then the rest).

    Creates the SKPD under the Pemda (or its parent SKPD for UPTD and Kelurahan), its
    default units and seats, the head official with a login, and switches on the features
    that go live there. Everything is created in one transaction: a bad value leaves
    nothing behind.
    """

    _name = "eoffice.skpd.onboard"
    _description = "Onboard an SKPD"

    name = fields.Char(string="SKPD Name", required=True)
    skpd_code = fields.Char(string="SKPD Code", required=True)
    skpd_short_code = fields.Char(string="Letter Code", required=True)
    skpd_type = fields.Selection(SKPD_TYPES, string="SKPD Type", required=True, default="dinas")
    parent_id = fields.Many2one("res.company", string="Under", required=True,
                                default=lambda self: self.env.company.pemda_id or self.env.company,
                                help="The Pemda, or the parent SKPD for a UPTD or Kelurahan.")
    street = fields.Char(string="Address")
    phone = fields.Char(string="Phone")
    email = fields.Char(string="E-mail")
    create_units = fields.Boolean(string="Create Default Units", default=True,
                                  help="Sekretariat and Sub Bagian Umum dan Kepegawaian, with their seats.")
    head_title = fields.Char(string="Head Position", compute="_compute_head_title", store=True, readonly=False,
                             required=True)
    head_name = fields.Char(string="Head's Name", required=True)
    head_nip = fields.Char(string="Head's NIP", required=True)
    head_login = fields.Char(string="Head's Login", required=True)
    agendaris_name = fields.Char(string="Agendaris' Name")
    agendaris_nip = fields.Char(string="Agendaris' NIP")
    agendaris_login = fields.Char(string="Agendaris' Login")
    letters_live = fields.Boolean(string="Letters Live", default=True)
    disposition_live = fields.Boolean(string="Disposition Live", default=True)
    budget_live = fields.Boolean(string="Budget Live")

    @api.depends("name", "skpd_type")
    def _compute_head_title(self):
        for wizard in self:
            if wizard.skpd_type == "kecamatan":
                wizard.head_title = "Camat " + (wizard.name or "").replace("Kecamatan ", "")
            elif wizard.skpd_type == "kelurahan":
                wizard.head_title = "Lurah " + (wizard.name or "").replace("Kelurahan ", "")
            else:
                wizard.head_title = "Kepala " + (wizard.name or "") if wizard.name else False

    def action_onboard(self):
        self.ensure_one()
        if self.skpd_type in SUBORDINATE_TYPES and not self.parent_id.is_skpd:
            raise UserError(self.env._("A UPTD or Kelurahan is onboarded under its parent SKPD, not the Pemda."))
        parse_nip(self.env, self.head_nip)
        if self.agendaris_login and not (self.agendaris_name and self.agendaris_nip):
            raise UserError(self.env._("Give the agendaris' name and NIP with their login."))
        if self.agendaris_nip:
            parse_nip(self.env, self.agendaris_nip)
        logins = [login for login in (self.head_login, self.agendaris_login) if login]
        taken = self.env["res.users"].sudo().with_context(active_test=False).search([("login", "in", logins)])
        if taken:
            raise UserError(self.env._("The login %(login)s is already used.", login=taken[0].login))
        company = self.env["res.company"].create({
            "name": self.name, "is_skpd": True, "skpd_code": self.skpd_code,
            "skpd_short_code": self.skpd_short_code, "skpd_type": self.skpd_type, "parent_id": self.parent_id.id,
            "street": self.street, "phone": self.phone, "email": self.email,
            "eoffice_letters_live": self.letters_live, "eoffice_disposition_live": self.disposition_live,
            "eoffice_budget_live": self.budget_live,
        })
        # The onboarding admin works in the new SKPD from now on.
        self.env.user.sudo().company_ids = [fields.Command.link(company.id)]
        Department = self.env["hr.department"].with_company(company)
        sekretariat = umpeg = self.env["hr.department"]
        if self.create_units:
            sekretariat = Department.create({"name": "Sekretariat", "company_id": company.id, "unit_code": "SEKR",
                                             "unit_type": "sekretariat"})
            umpeg = Department.create({"name": "Sub Bagian Umum dan Kepegawaian", "company_id": company.id,
                                       "unit_code": "UMPEG", "unit_type": "subbagian",
                                       "parent_id": sekretariat.id})
        head_user = self._create_user(company, self.head_name, self.head_login, "eoffice_skpd.group_official")
        Employee = self.env["hr.employee"].with_company(company)
        head = Employee.create({"name": self.head_name, "nip": self.head_nip, "company_id": company.id,
                                "user_id": head_user.id, "department_id": sekretariat.id})
        Position = self.env["eoffice.position"].with_company(company)
        superior = self.parent_id.head_position_id
        head_seat = Position.create({"name": self.head_title, "company_id": company.id, "code": "HEAD",
                                     "level": HEAD_LEVEL.get(self.skpd_type, "eselon_2"),
                                     "employee_id": head.id, "parent_id": superior.id,
                                     "department_id": sekretariat.id})
        company.head_position_id = head_seat
        if self.create_units:
            sekretaris = Position.create({"name": "Sekretaris", "company_id": company.id, "code": "SEKR",
                                          "level": "eselon_3", "parent_id": head_seat.id,
                                          "department_id": sekretariat.id})
            kasubbag = Position.create({"name": "Kepala Sub Bagian Umum dan Kepegawaian", "company_id": company.id,
                                        "code": "UMPEG", "level": "eselon_4", "parent_id": sekretaris.id,
                                        "department_id": umpeg.id})
            if self.agendaris_login:
                tu_user = self._create_user(company, self.agendaris_name, self.agendaris_login,
                                            "eoffice_skpd.group_agendaris")
                tu = Employee.create({"name": self.agendaris_name, "nip": self.agendaris_nip,
                                      "company_id": company.id, "user_id": tu_user.id, "department_id": umpeg.id})
                Position.create({"name": "Pengadministrasi Umum (Agendaris)", "company_id": company.id,
                                 "code": "TU", "level": "pelaksana", "parent_id": kasubbag.id,
                                 "employee_id": tu.id, "department_id": umpeg.id})
        return {"type": "ir.actions.act_window", "res_model": "res.company", "res_id": company.id,
                "view_mode": "form", "views": [(False, "form")], "target": "current"}

    def _create_user(self, company, name, login, group):
        return self.env["res.users"].sudo().with_context(no_reset_password=True).create({
            "name": name, "login": login, "lang": self.env.lang or "id_ID",
            "company_id": company.id, "company_ids": [fields.Command.set(company.ids)],
            "groups_id": [fields.Command.set([self.env.ref("base.group_user").id, self.env.ref(group).id])],
        })
