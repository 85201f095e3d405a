from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class EofficeBudgetRealization(models.Model):
    """A posting against a DPA line: committed when the SPM is issued, realised when the SP2D
    is paid. The ledger is append-only: no row changes after it is written. Recording the SP2D
    of a commitment adds a realised row that references it (the commitment moves from committed
    to realised); a mistake is corrected by a reversing entry.

    Each row carries what it adds to the committed and to the realised figures, so every figure
    is a sum over rows. Postings on one sub kegiatan are serialised on its row: each posting locks
    it and updates its running totals, so under PostgreSQL's repeatable read two postings racing
    for the same rupiah cannot both pass; the later one fails to serialise and is retried (Odoo
    retries a request on a serialisation failure) with the first one in view."""

    _name = "eoffice.budget.realization"
    _description = "Budget Realisation"
    _inherit = ["mail.thread", "eoffice.workflow.mixin"]
    _order = "date desc, id desc"
    # a client posts a commitment (SPM), or BPKAD a realised posting (SP2D); nothing moves afterwards
    _workflow_initial_states = ("committed", "paid")
    _workflow_unlink_states = ()

    name = fields.Char(string="Reference", compute="_compute_name", store=True)
    line_id = fields.Many2one("eoffice.budget.plan.line", string="DPA Line", required=True, ondelete="restrict",
                              index=True, domain="[('plan_kind', '=', 'dpa')]", workflow="create")
    activity_id = fields.Many2one(related="line_id.activity_id", store=True, index=True, string="Sub Kegiatan")
    line_postable_amount = fields.Monetary(related="line_id.postable_amount", string="Postable Today")
    line_postable_limit = fields.Selection(related="line_id.postable_limit", string="Bound By")
    plan_id = fields.Many2one(related="line_id.plan_id", store=True, index=True, string="DPA")
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True, string="SKPD")
    fiscal_year_id = fields.Many2one(related="line_id.fiscal_year_id", store=True, string="Fiscal Year")
    account_id = fields.Many2one(related="line_id.account_id", store=True, string="Account")
    program_id = fields.Many2one(related="line_id.program_id", store=True, string="Program")
    kegiatan_id = fields.Many2one(related="line_id.kegiatan_id", store=True, string="Kegiatan")
    sub_kegiatan_id = fields.Many2one(related="line_id.sub_kegiatan_id", store=True, string="Sub Kegiatan Code")
    currency_id = fields.Many2one(related="line_id.currency_id")
    date = fields.Date(string="Date", required=True, default=fields.Date.context_today, index=True, workflow="create")
    amount = fields.Monetary(string="Amount", required=True, workflow="create",
                             help="Positive for a posting; a reversing entry carries the opposite amount.")
    state = fields.Selection([("committed", "Committed (SPM)"), ("paid", "Realised (SP2D)")], string="Status",
                             required=True, default="committed", index=True, workflow="create")
    spp_number = fields.Char(string="SPP Number", workflow="create")
    spm_number = fields.Char(string="SPM Number", workflow="create")
    sp2d_number = fields.Char(string="SP2D Number", index=True, workflow="create")
    sp2d_date = fields.Date(string="SP2D Date", workflow="create")
    description = fields.Char(string="Description", workflow="create")
    commitment_id = fields.Many2one("eoffice.budget.realization", string="Pays Commitment", readonly=True,
                                    index=True, ondelete="restrict", copy=False, workflow="owned",
                                    help="The SPM posting this SP2D realises.")
    payment_ids = fields.One2many("eoffice.budget.realization", "commitment_id", string="SP2D", workflow="owned")
    reversed_id = fields.Many2one("eoffice.budget.realization", string="Reverses", readonly=True, index=True,
                                  workflow="owned")
    reversal_ids = fields.One2many("eoffice.budget.realization", "reversed_id", string="Reversed By",
                                   workflow="owned")
    is_reversed = fields.Boolean(string="Reversed", compute="_compute_is_reversed", search="_search_is_reversed")
    reason = fields.Char(string="Reason for Reversal", workflow="owned")
    # what the row adds to the committed and to the realised figures (written once, with the row)
    committed_delta = fields.Monetary(string="Committed", compute="_compute_deltas", store=True, precompute=True)
    realized_delta = fields.Monetary(string="Realised", compute="_compute_deltas", store=True, precompute=True)

    _sql_constraints = [
        ("commitment_uniq", "unique(commitment_id)", "This commitment already has its SP2D."),
    ]

    @api.depends("sp2d_number", "spm_number", "spp_number", "reversed_id")
    def _compute_name(self):
        # a stored name every user reads: in the Pemda's language, whoever (or whatever job) posts it
        env = self.with_context(lang=self.env["res.company"]._eoffice_pemda_lang()).env
        for entry in self:
            number = entry.sp2d_number or entry.spm_number or entry.spp_number or str(entry.id or "")
            entry.name = env._("Reversal of %(ref)s", ref=entry.reversed_id.name) if entry.reversed_id \
                else number

    @api.depends("reversal_ids", "commitment_id.reversal_ids")
    def _compute_is_reversed(self):
        # an SP2D is reversed together with its commitment
        for entry in self:
            entry.is_reversed = bool((entry.commitment_id or entry).reversal_ids)

    def _search_is_reversed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Reversed."))
        domain = ["|", ("reversal_ids", "!=", False), ("commitment_id.reversal_ids", "!=", False)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("state", "amount", "commitment_id")
    def _compute_deltas(self):
        for entry in self:
            if entry.state == "paid":
                # an SP2D of a commitment moves it from committed to realised
                entry.committed_delta = -entry.amount if entry.commitment_id else 0.0
                entry.realized_delta = entry.amount
            else:
                entry.committed_delta = entry.amount
                entry.realized_delta = 0.0

    # ------------------------------------------------------------------ the ledger is append-only
    # (the access rights grant write so that the web client lets operators create postings; the
    # workflow mixin refuses every change and every deletion that does not come from the workflow)
    @api.model_create_multi
    def create(self, vals_list):
        """Every posting goes through the availability checks, under the sub kegiatan's lock."""
        Line = self.env["eoffice.budget.plan.line"]
        if len(vals_list) > 1:
            # one posting at a time: each one's check must see the ones before it
            return self.browse().union(*(self.create([vals]) for vals in vals_list))
        if not self.env.su:
            # the values as they will be stored: a default_* context key is a value too
            vals_list = [self._add_missing_default_values(dict(vals)) for vals in vals_list]
        for vals in vals_list:
            if (vals.get("reversed_id") or vals.get("commitment_id")) and not self.env.su:
                raise AccessError(self.env._("A reversing entry or an SP2D of a commitment is made with the buttons "
                                             "of the posting."))
            if self.env.su and (vals.get("reversed_id") or vals.get("commitment_id")):
                continue  # checked by action_reverse and action_pay
            line = Line.browse(vals.get("line_id"))
            line.company_id._eoffice_check_live("eoffice_budget_live", self.env._("Budget"))
            amount = vals.get("amount") or 0.0
            if amount <= 0:
                raise UserError(self.env._("A posting must be a positive amount."))
            if vals.get("state") == "paid" and not self._is_bpkad():
                raise AccessError(self.env._("Only BPKAD records an SP2D."))
            date = fields.Date.to_date(vals.get("date") or fields.Date.context_today(self))
            line._check_available(amount, date)
        # the ledger row itself says who posted it and when (create_uid, create_date; append-only):
        # no "created" chatter line and no follower row per posting, which were a quarter of its cost
        entries = super(EofficeBudgetRealization, self.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True)).create(vals_list).with_env(self.env)
        entries._add_to_totals()
        return entries

    def _is_bpkad(self):
        return self.env.su or self.env.user.has_group("eoffice_budget.group_budget_manager")

    def _add_to_totals(self):
        """Update the running totals of the lines and sub kegiatan (the rows the checks lock)."""
        cr = self.env.cr
        for entry in self:
            committed, realized = entry.committed_delta, entry.realized_delta
            cr.execute("UPDATE eoffice_budget_plan_line SET committed_amount = COALESCE(committed_amount, 0) + %s, "
                       "realized_amount = COALESCE(realized_amount, 0) + %s WHERE id = %s",
                       [committed, realized, entry.line_id.id])
            cr.execute("UPDATE eoffice_budget_plan_activity SET committed_amount = COALESCE(committed_amount, 0) + %s, "
                       "realized_amount = COALESCE(realized_amount, 0) + %s WHERE id = %s",
                       [committed, realized, entry.activity_id.id])
        self.line_id.invalidate_recordset()
        self.activity_id.invalidate_recordset()

    # ------------------------------------------------------------------ actions
    def action_pay(self, sp2d_number, sp2d_date=None):
        """BPKAD records the SP2D of committed postings: a realised entry that references each
        commitment (with its date, numbers and amount); the commitment itself stays as it was."""
        if not self._is_bpkad():
            raise AccessError(self.env._("Only BPKAD records an SP2D."))
        if not sp2d_number:
            raise UserError(self.env._("Enter the SP2D number."))
        payments = self.browse()
        for entry in self:
            entry.check_access("read")
            if entry.state != "committed" or entry.reversed_id or entry.is_reversed or entry.payment_ids:
                raise UserError(self.env._("Only a committed posting that is not reversed or paid can be paid."))
            entry.activity_id._lock_for_posting()
            payment = self.sudo().create({
                "commitment_id": entry.id, "state": "paid", "line_id": entry.line_id.id, "amount": entry.amount,
                "date": entry.date, "spp_number": entry.spp_number, "spm_number": entry.spm_number,
                "sp2d_number": sp2d_number, "sp2d_date": sp2d_date or fields.Date.context_today(self),
                "description": entry.description})
            body = Markup("<p>%s</p>") % self.env._("SP2D %(number)s recorded.", number=sp2d_number)
            entry._message_log(body=body)
            payment._message_log(body=body)
            payments |= payment
        return payments.with_env(self.env)

    def action_reverse(self, reason):
        """Post the reversing entry of each posting (same line and status, opposite amount). A paid
        commitment is reversed as a realised posting, whichever of its two rows is chosen."""
        if not reason:
            raise UserError(self.env._("Give the reason for the reversal."))
        self.check_access("write")
        reversals = self.browse()
        for entry in self:
            posting = entry.commitment_id or entry
            if posting.reversed_id or posting.reversal_ids:
                raise UserError(self.env._("%(ref)s is already reversed or is itself a reversal.", ref=entry.name))
            entry.check_access("read")
            payment = posting.payment_ids[:1]
            paid = posting.state == "paid" or bool(payment)
            if paid and not self._is_bpkad():
                raise AccessError(self.env._("Only BPKAD reverses a realised posting."))
            entry.activity_id._lock_for_posting()
            reversal = self.sudo().create({
                "line_id": posting.line_id.id, "amount": -posting.amount, "state": "paid" if paid else "committed",
                "date": fields.Date.context_today(self), "reversed_id": posting.id, "reason": reason,
                "spp_number": posting.spp_number, "spm_number": posting.spm_number,
                "sp2d_number": (payment or posting).sp2d_number, "description": posting.description})
            reversals |= reversal
        return reversals.with_env(self.env)
