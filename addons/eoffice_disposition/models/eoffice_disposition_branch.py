from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

BRANCH_STATES = [
    ("unread", "Unread"),
    ("read", "Read"),
    ("in_progress", "In Progress"),
    ("forwarded", "Forwarded"),
    ("done", "Done"),
    ("returned", "Returned"),
    ("cancelled", "Cancelled"),
]


class EofficeDispositionBranch(models.Model):
    """One addressed position of a disposition, with its own follow-up.

    The work belongs to the seat: whoever holds or acts in it today sees and acts on it,
    and pending work stays with the seat when the holder changes.
    """

    _name = "eoffice.disposition.branch"
    _description = "Disposition Branch"
    _inherit = ["mail.thread", "mail.activity.mixin", "eoffice.workflow.mixin", "eoffice.rule.sql.mixin"]
    _order = "deadline, id"
    # every field is the workflow's: read receipts, done, returns and cancellations only through the
    # action methods, by the seat's current official (or the sender, to cancel); never deleted
    _workflow_initial_states = ("unread",)
    _workflow_unlink_states = ()
    _workflow_transitions = (
        ("unread", "read"), ("unread", "in_progress"), ("read", "in_progress"),
        ("unread", "done"), ("read", "done"), ("in_progress", "done"),
        ("unread", "returned"), ("read", "returned"), ("in_progress", "returned"),
        ("unread", "cancelled"),
        ("unread", "forwarded"), ("read", "forwarded"), ("in_progress", "forwarded"),
    )
    _rec_name = "position_id"

    disposition_id = fields.Many2one("eoffice.disposition", string="Disposition", required=True, index=True,
                                     ondelete="cascade", workflow="owned")
    company_id = fields.Many2one(related="disposition_id.company_id", store=True, index=True, string="SKPD")
    letter_id = fields.Many2one(related="disposition_id.letter_id", store=True, index=True, string="Letter")
    from_position_id = fields.Many2one(related="disposition_id.from_position_id", store=True, string="From")
    position_id = fields.Many2one("eoffice.position", string="To", required=True, index=True, workflow="owned")
    department_id = fields.Many2one(related="position_id.department_id", store=True, string="Unit")
    instruction_ids = fields.Many2many(related="disposition_id.instruction_ids", string="Instructions")
    note = fields.Text(related="disposition_id.note", string="Note")
    deadline = fields.Date(related="disposition_id.deadline", store=True, string="Deadline")
    priority = fields.Selection(related="disposition_id.priority", store=True, string="Priority")
    state = fields.Selection(BRANCH_STATES, string="Status", default="unread", required=True, readonly=True,
                             index=True, tracking=True, workflow="owned")
    read_date = fields.Datetime(string="Read On", readonly=True, workflow="owned")
    read_by_id = fields.Many2one("res.users", string="Read By", readonly=True, workflow="owned")
    done_date = fields.Datetime(string="Done On", readonly=True, workflow="owned")
    done_by_id = fields.Many2one("res.users", string="Done By", readonly=True, workflow="owned")
    report = fields.Text(string="Follow-up Report", readonly=True, workflow="owned")
    attachment_ids = fields.Many2many("ir.attachment", string="Follow-up Files", readonly=True, workflow="owned")
    child_ids = fields.One2many("eoffice.disposition", "parent_branch_id", string="Forwards", workflow="owned")
    is_done = fields.Boolean(string="Finished", compute="_compute_is_done", store=True, recursive=True,
                             help="Done, or forwarded and every forward is done.")
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue")
    days_to_done = fields.Float(string="Days to Done", readonly=True, aggregator="avg",
                                help="Days from the disposition to its branch being done.", workflow="owned")
    reminded_date = fields.Date(string="Last Reminder", readonly=True, workflow="owned")
    # the Pemda's calendar day the disposition reached the seat: create_date is UTC, and between
    # 17:00 and 24:00 UTC a WIB Pemda is already in the next day (the control room counts by it)
    day = fields.Date(string="Day", readonly=True, index=True, workflow="owned",
                      default=lambda self: self.env["eoffice.position"]._today(),
                      help="The Pemda's calendar day on which the disposition reached this seat.")

    @api.depends("state", "child_ids.state")
    def _compute_is_done(self):
        for branch in self:
            if branch.state == "done":
                branch.is_done = True
            elif branch.state == "forwarded":
                live = branch.child_ids.filtered(lambda d: d.state != "cancelled")
                branch.is_done = bool(live) and all(d.state == "done" for d in live)
            else:
                branch.is_done = False

    @api.depends("deadline", "is_done", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for branch in self:
            branch.is_overdue = bool(branch.deadline and branch.deadline < today and not branch.is_done
                                     and branch.state not in ("cancelled", "returned"))

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue dispositions."))
        domain = [("deadline", "<", fields.Date.context_today(self)), ("is_done", "=", False),
                  ("state", "not in", ("cancelled", "returned"))]
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------ helpers
    def _check_holder(self, action):
        for branch in self:
            if self.env.user not in branch.position_id.sudo().current_user_ids:
                raise AccessError(_("Only the official holding or acting in %(seat)s can %(action)s this "
                                    "disposition.", seat=branch.position_id.sudo().name, action=action))

    def _notify_holders(self):
        for branch in self.sudo():
            for user in branch.position_id.current_user_ids:
                branch.activity_schedule("mail.mail_activity_data_todo", user_id=user.id,
                                         date_deadline=branch.deadline,
                                         summary=_("Disposition: %(letter)s", letter=branch.letter_id.name))

    def _write_state(self, values):
        # the caller checked that the user holds (or sent from) the seat
        self.sudo()._workflow_write(values)

    # ------------------------------------------------------------------ actions
    def action_read(self):
        """Opening the branch by its official records the time it was read."""
        for branch in self.filtered(lambda b: b.state == "unread"):
            if self.env.user in branch.position_id.sudo().current_user_ids:
                branch._write_state({"state": "read", "read_date": fields.Datetime.now(),
                                     "read_by_id": self.env.uid})
        return True

    def action_start(self):
        self._check_holder(_("work on"))
        for branch in self:
            if branch.state not in ("unread", "read"):
                raise UserError(_("Only an unread or read disposition can be started."))
            values = {"state": "in_progress"}
            if not branch.read_date:
                values.update(read_date=fields.Datetime.now(), read_by_id=self.env.uid)
            branch._write_state(values)
        return True

    def action_done(self, report, attachments=None):
        if not (report or "").strip():
            raise UserError(_("Write the follow-up report: what was done."))
        self._check_holder(_("finish"))
        for branch in self:
            if branch.state not in ("unread", "read", "in_progress"):
                raise UserError(_("This disposition is already %(state)s.",
                                  state=dict(self._fields["state"]._description_selection(self.env))[branch.state]))
            now = fields.Datetime.now()
            branch._write_state({
                "state": "done", "report": report, "done_date": now, "done_by_id": self.env.uid,
                "read_date": branch.read_date or now, "read_by_id": branch.read_by_id.id or self.env.uid,
                "attachment_ids": [fields.Command.set(attachments.ids if attachments else [])],
                "days_to_done": (now - branch.disposition_id.date).total_seconds() / 86400,
            })
            # the report's files belong to the branch: nobody replaces them once it is done
            branch._workflow_bind_attachments(["attachment_ids"])
            branch.sudo().activity_unlink(["mail.mail_activity_data_todo"])
            branch.sudo()._log(_("Done by %(name)s: %(report)s", name=self.env.user.name, report=report))
        return True

    def action_return(self, note):
        if not (note or "").strip():
            raise UserError(_("Say why the disposition is returned."))
        self._check_holder(_("return"))
        for branch in self:
            if branch.state not in ("unread", "read", "in_progress"):
                raise UserError(_("Only a disposition not yet finished can be returned."))
            branch._write_state({"state": "returned", "report": note})
            branch.sudo().activity_unlink(["mail.mail_activity_data_todo"])
            branch.sudo()._log(_("Returned by %(name)s: %(note)s", name=self.env.user.name, note=note))
        return True

    def action_cancel(self):
        """The sender takes a branch back, as long as nobody has read it."""
        for branch in self:
            sender_seat = branch.disposition_id.from_position_id.sudo()
            if self.env.user not in sender_seat.current_user_ids:
                raise AccessError(_("Only the official of %(seat)s, who sent it, can cancel this disposition.",
                                    seat=sender_seat.name))
            if branch.state != "unread":
                raise UserError(_("%(seat)s has already read this disposition: it can no longer be cancelled.",
                                  seat=branch.position_id.sudo().name))
            branch._write_state({"state": "cancelled"})
            branch.sudo().activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_forward(self, positions, instructions=None, note=None, deadline=None, priority=None):
        """Dispose the letter further down from this branch's seat."""
        self.ensure_one()
        self._check_holder(_("forward"))
        if self.state not in ("unread", "read", "in_progress", "forwarded"):
            raise UserError(_("Only a disposition not yet finished can be forwarded."))
        child = self.env["eoffice.disposition"]._dispose(
            self.letter_id, self.position_id, positions, instructions=instructions, note=note,
            deadline=deadline or self.deadline, priority=priority or self.priority, parent_branch=self)
        values = {"state": "forwarded"}
        if not self.read_date:
            values.update(read_date=fields.Datetime.now(), read_by_id=self.env.uid)
        self._write_state(values)
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])
        return child

    def action_open_forward(self):
        return self._open_wizard("forward")

    def action_open_done(self):
        return self._open_wizard("done")

    def action_open_return(self):
        return self._open_wizard("return")

    def _open_wizard(self, mode):
        self.ensure_one()
        self.action_read()
        return {
            "type": "ir.actions.act_window",
            "name": _("Follow Up"),
            "res_model": "eoffice.disposition.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_branch_id": self.id, "default_letter_id": self.letter_id.id,
                        "default_from_position_id": self.position_id.id,
                        "default_mode": mode},
        }

    # ------------------------------------------------------------------ reminders
    @api.model
    def _cron_remind_overdue(self):
        """Daily: remind the officials of overdue branches and tell the sender (once a day)."""
        today = fields.Date.context_today(self)
        overdue = self.search([("is_overdue", "=", True), "|", ("reminded_date", "=", False),
                               ("reminded_date", "<", today)])
        for branch in overdue:
            for user in branch.position_id.current_user_ids:
                branch.activity_schedule("mail.mail_activity_data_todo", user_id=user.id, date_deadline=today,
                                         summary=_("Overdue disposition: %(letter)s", letter=branch.letter_id.name))
            sender = branch.disposition_id.sender_user_id
            if sender:
                branch.activity_schedule("mail.mail_activity_data_todo", user_id=sender.id, date_deadline=today,
                                         summary=_("%(seat)s has not finished your disposition (deadline "
                                                   "%(deadline)s)", seat=branch.position_id.name,
                                                   deadline=branch.deadline))
        overdue.sudo().write({"reminded_date": today})
        return len(overdue)
