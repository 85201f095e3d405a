from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

LEVELS = [
    ("kepala_daerah", "Kepala Daerah (Bupati/Wali Kota)"),
    ("eselon_1", "Eselon I (Sekda)"),
    ("eselon_2", "Eselon II (Kepala SKPD)"),
    ("eselon_3", "Eselon III (Sekretaris, Kepala Bidang, Camat)"),
    ("eselon_4", "Eselon IV (Kasubbag, Kasi)"),
    ("fungsional", "Fungsional"),
    ("pelaksana", "Pelaksana"),
]


class EofficePosition(models.Model):
    """A seat (jabatan) such as "Kepala Dinas Kominfo".

    Work is addressed to seats, not people: the holder and any acting official (Plt/Plh)
    whose period covers today are the seat's current officials and act for it.
    """

    _name = "eoffice.position"
    _description = "Position (Jabatan)"
    _inherit = ["mail.thread"]
    _parent_store = True
    _order = "company_id, parent_path, sequence, id"
    _check_company_auto = True

    name = fields.Char(string="Position", required=True, tracking=True, translate=False)
    code = fields.Char(string="Code", help="Short code of the seat, used in letter numbers where the pattern asks.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True, tracking=True,
                                 default=lambda self: self.env.company)
    department_id = fields.Many2one("hr.department", string="Unit", index=True, check_company=True, tracking=True)
    parent_id = fields.Many2one("eoffice.position", string="Superior Position", index=True, ondelete="restrict",
                                tracking=True,
                                help="The seat this one reports to. May belong to the parent SKPD or the Pemda "
                                     "(a Kepala Dinas reports to the Sekda).")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("eoffice.position", "parent_id", string="Subordinate Positions")
    level = fields.Selection(LEVELS, string="Level", required=True, default="pelaksana", tracking=True)
    employee_id = fields.Many2one("hr.employee", string="Holder", index=True, tracking=True,
                                  help="The definitive holder (pejabat definitif) of the seat.")
    user_id = fields.Many2one(related="employee_id.user_id", string="Holder's User", store=True, index=True)
    acting_ids = fields.One2many("eoffice.position.acting", "position_id", string="Acting Officials")
    holder_ids = fields.One2many("eoffice.position.holder", "position_id", string="Holder History")
    current_employee_ids = fields.Many2many(
        "hr.employee", string="Current Officials", compute="_compute_current_officials",
        help="The holder, plus every acting official (Plt/Plh) whose period covers today.")
    current_user_ids = fields.Many2many(
        "res.users", string="Current Users", compute="_compute_current_officials",
        search="_search_current_user_ids")
    current_acting_id = fields.Many2one("eoffice.position.acting", string="Current Acting",
                                        compute="_compute_current_officials")
    vacant = fields.Boolean(compute="_compute_current_officials", string="Vacant")

    _sql_constraints = [
        ("code_company_uniq", "unique(company_id, code)", "Another position of this SKPD already uses this code."),
    ]

    @api.depends("employee_id", "acting_ids.employee_id", "acting_ids.date_from", "acting_ids.date_to")
    @api.depends_context("date")
    def _compute_current_officials(self):
        today = self._today()
        for position in self:
            acting = position.acting_ids.filtered(lambda a: a.date_from <= today <= a.date_to)
            employees = position.employee_id | acting.employee_id
            position.current_employee_ids = employees
            position.current_user_ids = employees.user_id
            position.current_acting_id = acting[:1]
            position.vacant = not employees

    def _today(self):
        """Today, for who holds a seat: never from the context. A context key (``date``, ``tz``) is sent
        by whoever calls the API: a former Plt. naming a day of their acting would read the seat's
        Rahasia letters and sign as it again. The day is the Pemda's, in its own time zone
        (the SKPD's, where its partner names one)."""
        tz = self.env["res.company"]._eoffice_tz(self.env.user.company_id.id)
        return fields.Date.context_today(self.with_context(tz=tz))

    def _search_current_user_ids(self, operator, value):
        if operator not in ("in", "="):
            raise UserError(self.env._("Current officials can only be searched with 'in' or '='."))
        user_ids = [value] if isinstance(value, int) else list(value)
        return [("id", "in", list({pos for _user, pos in self._seats_of_users(user_ids)}))]

    def _seats_of_users(self, user_ids):
        """(user id, position id) of every seat the users hold or act in today, in one query."""
        today = self._today()
        self.env.cr.execute(SQL(
            """
            SELECT p.user_id, p.id FROM eoffice_position p
             WHERE p.active AND p.user_id = ANY(%(users)s)
            UNION
            SELECT e.user_id, a.position_id FROM eoffice_position_acting a
              JOIN hr_employee e ON e.id = a.employee_id
             WHERE e.user_id = ANY(%(users)s) AND a.date_from <= %(today)s AND a.date_to >= %(today)s
            """,
            users=list(user_ids), today=today,
        ))
        return self.env.cr.fetchall()

    @api.model_create_multi
    def create(self, vals_list):
        positions = super().create(vals_list)
        positions.filtered("employee_id")._open_holder_history()
        return positions

    def write(self, vals):
        if "employee_id" in vals:
            changed = self.filtered(lambda p: p.employee_id.id != vals["employee_id"])
            changed._close_holder_history()
            res = super().write(vals)
            changed.filtered("employee_id")._open_holder_history()
            return res
        return super().write(vals)

    def _open_holder_history(self):
        today = fields.Date.context_today(self)
        self.env["eoffice.position.holder"].sudo().create([
            {"position_id": p.id, "employee_id": p.employee_id.id, "date_from": today} for p in self
        ])

    def _close_holder_history(self):
        today = fields.Date.context_today(self)
        open_rows = self.env["eoffice.position.holder"].sudo().search(
            [("position_id", "in", self.ids), ("date_to", "=", False)])
        open_rows.write({"date_to": today})

    def _get_subordinates(self):
        """Every seat below these ones, through parent_path (no recursion in Python)."""
        return self.search([("id", "child_of", self.ids), ("id", "not in", self.ids)])
