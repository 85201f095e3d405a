"""Budget execution on a DPA line: the murni amount, the running committed and realised totals,
and the check that a posting fits the line, the cash plan to the month and the SPD."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class EofficeBudgetPlanLine(models.Model):
    _inherit = "eoffice.budget.plan.line"

    murni_amount = fields.Monetary(string="Murni", readonly=True, copy=False, workflow="owned",
                                   help="The amount as first approved in the DPA; revisions never change it.")
    # running totals of the ledger, kept by its postings
    committed_amount = fields.Monetary(string="Committed", readonly=True, copy=False, default=0.0, workflow="owned")
    realized_amount = fields.Monetary(string="Realised", readonly=True, copy=False, default=0.0, workflow="owned")
    available_amount = fields.Monetary(string="Available", compute="_compute_available_amount")

    postable_amount = fields.Monetary(
        string="Postable Today", compute="_compute_postable",
        help="What can be posted on this line today: the least of what is left on the line, in the cash plan of "
             "its sub kegiatan and account to this month, and in the SPD of its sub kegiatan.")
    postable_limit = fields.Selection(
        [("line", "Line"), ("cash_plan", "Cash Plan"), ("spd", "SPD")], string="Bound By",
        compute="_compute_postable", help="Which of the three limits binds what can be posted today.")

    @api.depends("amount", "committed_amount", "realized_amount")
    def _compute_available_amount(self):
        for line in self:
            line.available_amount = line.amount - line.committed_amount - line.realized_amount

    @api.depends("available_amount", "plan_id.cash_plan_state", "activity_id.spd_amount",
                 "activity_id.committed_amount", "activity_id.realized_amount")
    @api.depends_context("date")
    def _compute_postable(self):
        """The same three limits _check_available applies to a posting dated today."""
        dpa_lines = self.filtered(lambda line: line.plan_id.kind == "dpa" and line.activity_id)
        (self - dpa_lines).update({"postable_amount": 0.0, "postable_limit": False})
        if not dpa_lines:
            return
        today = fields.Date.context_today(self)
        activities = dpa_lines.activity_id
        self.env["eoffice.budget.realization"].flush_model(["committed_delta", "realized_delta", "line_id"])
        self.env.cr.execute("""
            SELECT l.activity_id, l.account_id, COALESCE(SUM(r.committed_delta + r.realized_delta), 0)
              FROM eoffice_budget_realization r
              JOIN eoffice_budget_plan_line l ON l.id = r.line_id
             WHERE l.activity_id IN %s
          GROUP BY l.activity_id, l.account_id""", [tuple(activities.ids)])
        spent = {(activity, account): total for activity, account, total in self.env.cr.fetchall()}
        cash_lines = {(cash.activity_id.id, cash.account_id.id): cash
                      for cash in self.env["eoffice.budget.cash.plan.line"].search(
                          [("activity_id", "in", activities.ids)])}
        for line in dpa_lines:
            plan, activity = line.plan_id, line.activity_id
            if plan.cash_plan_state != "confirmed":
                line.postable_amount, line.postable_limit = 0.0, "cash_plan"
                continue
            year = plan.fiscal_year_id.year
            month = 12 if today.year > year else (today.month if today.year == year else 0)
            key = (activity.id, line.account_id.id)
            cash = cash_lines.get(key)
            cash_left = (cash._through(month) if cash and month else 0.0) - spent.get(key, 0.0)
            spd_left = activity.spd_amount - activity.committed_amount - activity.realized_amount
            # the first of the least binds: the line, then the cash plan, then the SPD
            limit, amount = min((("line", line.available_amount), ("cash_plan", cash_left), ("spd", spd_left)),
                                key=lambda candidate: candidate[1])
            line.postable_amount, line.postable_limit = max(amount, 0.0), limit

    def _check_available(self, amount, date):
        """Refuse a posting of amount on this DPA line that would overspend the line, the cash
        plan of its sub kegiatan and account to the month, or the SPD of its sub kegiatan."""
        self.ensure_one()
        line = self.sudo()
        plan = line.plan_id
        if plan.kind != "dpa":
            raise UserError(self.env._("Postings are made against the lines of a DPA."))
        self.check_access("read")
        if not self.env.su:
            self.env["eoffice.budget.realization"].check_access("create")
        if plan.cash_plan_state != "confirmed":
            raise UserError(self.env._("The cash plan of %(plan)s is not confirmed yet.", plan=plan.name))
        if date.year != plan.fiscal_year_id.year:
            raise UserError(self.env._("The posting date must fall in %(year)s.", year=plan.fiscal_year_id.name))
        line.activity_id._lock_for_posting()
        cr = self.env.cr
        cr.execute("SELECT COALESCE(amount, 0), COALESCE(committed_amount, 0), COALESCE(realized_amount, 0) "
                   "FROM eoffice_budget_plan_line WHERE id = %s", [line.id])
        budget, committed, realized = cr.fetchone()
        fmt = plan._fmt
        compare = line.currency_id.compare_amounts
        available = budget - committed - realized
        if compare(amount, available) > 0:
            raise UserError(self.env._(
                "%(amount)s is more than is available on the line %(line)s: %(available)s (DPA %(budget)s, committed "
                "%(committed)s, realised %(realized)s).", amount=fmt(amount),
                line=line.description or line.item_id.name, available=fmt(available), budget=fmt(budget),
                committed=fmt(committed), realized=fmt(realized)))
        self.env["eoffice.budget.realization"].flush_model(["committed_delta", "realized_delta"])
        cr.execute("""SELECT COALESCE(SUM(r.committed_delta + r.realized_delta), 0)
                        FROM eoffice_budget_realization r
                        JOIN eoffice_budget_plan_line l ON l.id = r.line_id
                      WHERE l.activity_id = %s AND l.account_id = %s""", [line.activity_id.id, line.account_id.id])
        spent_account = cr.fetchone()[0]
        # one indexed row by its key (the ORM search ordered by the plan's and fiscal year's names
        # through joins: a tenth of a posting's time)
        line.env["eoffice.budget.cash.plan.line"].flush_model(["plan_id", "activity_id", "account_id"])
        cr.execute("SELECT id FROM eoffice_budget_cash_plan_line WHERE plan_id = %s AND activity_id = %s "
                   "AND account_id = %s ORDER BY id LIMIT 1", [plan.id, line.activity_id.id, line.account_id.id])
        found = cr.fetchone()
        cash = line.env["eoffice.budget.cash.plan.line"].browse(found and found[0])
        cash_to_date = cash._through(date.month) if cash else 0.0
        if compare(spent_account + amount, cash_to_date) > 0:
            raise UserError(self.env._(
                "%(amount)s would exceed the cash plan of %(code)s %(account)s to %(month)s: %(cash)s planned, "
                "%(spent)s already posted.", amount=fmt(amount), code=line.activity_id.sub_kegiatan_code,
                account=line.account_code, month=format_date(self.env, date, date_format="MMMM y"),
                cash=fmt(cash_to_date),
                spent=fmt(spent_account)))
        cr.execute("SELECT COALESCE(committed_amount, 0) + COALESCE(realized_amount, 0) "
                   "FROM eoffice_budget_plan_activity WHERE id = %s", [line.activity_id.id])
        spent_activity = cr.fetchone()[0]
        spd = line.activity_id.spd_amount
        if compare(spent_activity + amount, spd) > 0:
            raise UserError(self.env._(
                "%(amount)s would exceed the SPD of sub kegiatan %(code)s: %(spd)s authorised, %(spent)s already "
                "posted.", amount=fmt(amount), code=line.activity_id.sub_kegiatan_code, spd=fmt(spd),
                spent=fmt(spent_activity)))
