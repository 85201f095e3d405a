"""Drafting and review of an outgoing letter: the review chain (paraf) proposed from the SKPD's
route or the hierarchy, submission, approval, return to the drafter, and the body with its
{{placeholders}} filled (the body a new draft starts from is its type's template)."""
import re

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from ..utils import LEFTOVER_RE, PLACEHOLDER_RE, PLACEHOLDERS, format_date_id
from .eoffice_letter import DRAFT


class EofficeLetterDrafting(models.Model):
    """Drafting and review (paraf) of eoffice.letter."""

    _inherit = "eoffice.letter"

    review_ids = fields.One2many("eoffice.letter.review", "letter_id", string="Reviews (paraf)", copy=False,
                                 workflow=DRAFT)
    review_round = fields.Integer(string="Review Round", readonly=True, copy=False, workflow="owned")
    current_review_id = fields.Many2one("eoffice.letter.review", compute="_compute_current_review",
                                        string="Waiting For")
    body_preview = fields.Html(
        string="Body as Printed", compute="_compute_body_preview", sanitize=True, sanitize_style=True,
        help="The body as the signer and the printed letter show it: placeholders filled, the number and the "
             "date marked as given at signing.")

    @api.depends("review_ids.state", "review_ids.sequence")
    def _compute_current_review(self):
        for letter in self:
            pending = letter.review_ids.filtered(lambda r: r.state == "pending").sorted("sequence")
            letter.current_review_id = pending[:1]

    @api.onchange("type_id")
    def _onchange_type_id(self):
        if self.type_id and self.state == "draft":
            self.sifat = self.type_id.default_sifat
            self.urgency = self.type_id.default_urgency
            if self._body_is_replaceable():
                self.body = self.type_id.body_template
            self._fill_default_route()

    def _body_is_replaceable(self):
        """True when the body holds nothing the author wrote: empty, or still the template of a type."""
        if is_html_empty(self.body):
            return True
        templates = self.env["eoffice.letter.type"].sudo().with_context(active_test=False).search_read(
            [("body_template", "!=", False)], ["body_template"])
        body = _normalize_html(self.body)
        return any(body == _normalize_html(t["body_template"]) for t in templates)

    @api.model_create_multi
    def create(self, vals_list):
        # RPC callers get the type's template as the web client does when the body is left empty
        for vals in vals_list:
            if is_html_empty(vals.get("body")):
                self._fill_body_from_template(vals)
        return super().create(vals_list)

    @api.model
    def _fill_body_from_template(self, vals):
        if vals.get("state", "draft") != "draft":
            return
        direction = vals["direction"] if "direction" in vals else self.default_get(["direction"]).get("direction")
        if direction != "outgoing":  # an incoming letter is registered as it came
            return
        type_id = vals["type_id"] if "type_id" in vals else self.default_get(["type_id"]).get("type_id")
        letter_type = self.env["eoffice.letter.type"].sudo().browse(type_id).exists() if type_id else None
        if letter_type and not is_html_empty(letter_type.body_template):
            vals["body"] = letter_type.body_template

    @api.onchange("signer_position_id")
    def _onchange_signer_position_id(self):
        if self.state == "draft" and self.direction == "outgoing":
            self._fill_default_route()

    def _drafter_seat(self):
        seats = self.env.user.eoffice_position_ids.filtered(lambda p: p.company_id == self.company_id)
        return seats[:1]

    def _fill_default_route(self):
        """Propose the review chain: the SKPD's route for the type, else the hierarchy between
        the drafter's seat and the signer's seat (paraf berjenjang)."""
        if self.review_ids.filtered(lambda r: r.state != "planned"):
            return
        route = self.env["eoffice.letter.route"]._find(self.company_id, self.type_id)
        if route and not self.signer_position_id:
            self.signer_position_id = route.signer_position_id
        positions = self.env["eoffice.position"]
        if route:
            positions = route.step_ids.position_id
        elif self.signer_position_id:
            seat = self._drafter_seat()
            path = [int(x) for x in (seat.sudo().parent_path or "").strip("/").split("/") if x]
            if self.signer_position_id.id in path[:-1]:
                between = path[path.index(self.signer_position_id.id) + 1:-1]
                positions = positions.browse(list(reversed(between)))
        self.review_ids = [fields.Command.clear()] + [
            fields.Command.create({"position_id": p.id, "sequence": (i + 1) * 10}) for i, p in enumerate(positions)]

    def _check_required_for_submit(self):
        for letter in self:
            missing = []
            if not letter.name:
                missing.append(_("the subject"))
            if not letter.classification_id:
                missing.append(_("the archive classification"))
            if not letter.signer_position_id:
                missing.append(_("the signer"))
            if not letter.to_recipient_ids:
                missing.append(_("at least one recipient"))
            if not letter.body or not letter.body.striptags().strip():
                missing.append(_("the body"))
            if missing:
                raise UserError(_("%(letter)s cannot go further yet; give %(missing)s.",
                                  letter=letter.display_name, missing=", ".join(missing)))
            letter._check_placeholders()

    def _check_placeholders(self):
        """Refuse a body whose placeholders would reach the signer raw: unknown names, typos,
        or a placeholder cut by formatting ({{<b>nomor</b>}})."""
        self.ensure_one()
        # filled with nothing, so that a value (a subject with braces) is not mistaken for a placeholder
        text = fill_placeholders(self.body, dict.fromkeys(PLACEHOLDERS, "")).striptags()
        if "{{" not in text and "}}" not in text:
            return
        names = sorted({"{{%s}}" % name.strip() for name in LEFTOVER_RE.findall(text)}) or ["{{ ... }}"]
        raise UserError(_(
            "The body of %(letter)s uses placeholders the system does not know: %(names)s. Correct or remove "
            "them (write a placeholder in one piece, without formatting inside the braces). Known placeholders: "
            "%(known)s.", letter=self.display_name, names=", ".join(names),
            known=", ".join("{{%s}}" % name for name in PLACEHOLDERS)))

    def action_submit(self):
        """Send the draft into its review chain (or straight to the signer when there is none)."""
        for letter in self:
            if letter.direction != "outgoing" or letter.state != "draft":
                raise UserError(_("Only an outgoing draft can be submitted."))
            letter.check_access("write")
            letter._check_required_for_submit()
            round_no = letter.review_round + 1
            planned = letter.review_ids.filtered(lambda r: r.state == "planned")
            planned.sudo().write({"round": round_no, "state": "pending"})
            letter.env["eoffice.letter.version"].sudo().create({
                "letter_id": letter.id, "version_no": len(letter.version_ids) + 1, "event": "submitted",
                "subject": letter.name, "body": letter.body,
            })
            state = "review" if planned else "to_sign"
            letter._workflow_write({"state": state, "review_round": round_no})
            letter._log(_("Submitted for review (round %(round)s).", round=round_no))
            letter._notify_pending()
        return True

    def action_approve(self, note=None):
        """Paraf by the current reviewer."""
        for letter in self:
            review = letter.current_review_id
            if letter.state != "review" or not review:
                raise UserError(_("%(letter)s is not waiting for a review.", letter=letter.display_name))
            letter._check_seat(review.position_id, _("review"))
            review.sudo().write({"state": "approved", "user_id": self.env.uid, "date": fields.Datetime.now(),
                                 "reviewer_name": self.env.user.name, "note": note or False})
            if not letter.review_ids.filtered(lambda r: r.state == "pending"):
                letter._workflow_write({"state": "to_sign"})
            letter.sudo()._compute_pending()
            letter._log(_("Paraf by %(name)s (%(seat)s).", name=self.env.user.name,
                                       seat=review.position_id.sudo().name))
            letter._notify_pending()
        return True

    def action_return(self, note):
        """The reviewer (or the signer) sends the draft back to the drafter with notes."""
        if not (note or "").strip():
            raise UserError(_("Say what has to change: notes are required to return a draft."))
        for letter in self:
            if letter.state == "review":
                review = letter.current_review_id
                letter._check_seat(review.position_id, _("return"))
            elif letter.state == "to_sign":
                letter._check_seat(letter.signer_position_id, _("return"))
                review = letter.env["eoffice.letter.review"].sudo().create({
                    "letter_id": letter.id, "position_id": letter.signer_position_id.id, "sequence": 999,
                    "round": letter.review_round, "state": "pending"})
            else:
                raise UserError(_("Only a letter in review or waiting for signature can be returned."))
            review.sudo().write({"state": "returned", "user_id": self.env.uid, "date": fields.Datetime.now(),
                                 "reviewer_name": self.env.user.name, "note": note})
            round_no = letter.review_round
            current = letter.review_ids.filtered(lambda r, n=round_no: r.round == n and r.sequence < 999)
            (current - review).filtered(lambda r: r.state == "pending").sudo().write({"state": "cancelled"})
            # the next submission goes through the same chain again
            letter.env["eoffice.letter.review"].sudo().create([
                {"letter_id": letter.id, "position_id": r.position_id.id, "sequence": r.sequence}
                for r in current.sorted("sequence")])
            letter._workflow_write({"state": "draft"})
            letter._log(_("Returned to the drafter by %(name)s: %(note)s", name=self.env.user.name,
                                       note=note))
            letter.sudo().activity_unlink(["mail.mail_activity_data_todo"])
            if letter.create_uid and letter._user_can_read(letter.create_uid):
                letter.sudo().activity_schedule("mail.mail_activity_data_todo", user_id=letter.create_uid.id,
                                         summary=_("Revise the draft"), note=note)
        return True

    def action_open_return_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Return to the Drafter"),
            "res_model": "eoffice.letter.return.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_id": self.id},
        }

    def _placeholder_values(self):
        """What each placeholder is filled with: the letter's facts in Indonesian, and for what only
        signing gives (number, date, the signer's name when the seat is vacant) a stand-in in brackets."""
        self.ensure_one()
        letter = self.sudo()
        company = letter.company_id
        position = letter.signer_position_id
        if letter.signer_title:
            title, name, nip = letter.signer_title, letter.signer_name, letter.signer_nip
        else:
            acting = position.current_acting_id
            employee = position.employee_id or acting.employee_id
            prefix = {"plt": "Plt. ", "plh": "Plh. "}.get(acting.kind, "") if not position.employee_id else ""
            title = position.name and f"{prefix}{position.name}"
            name, nip = employee.name, employee.nip
        pending = _("[given at signing]")
        pemda = company.pemda_id.name or company.name or ""
        enclosures = len(letter.attachment_ids)
        return {
            "nomor": letter.number or _("[number given at signing]"),
            "tanggal": format_date_id(letter.letter_date) if letter.letter_date else _("[date given at signing]"),
            "hal": letter.name or "",
            "penerima": ", ".join(letter.to_recipient_ids.mapped("label")),
            "tembusan": ", ".join(letter.cc_recipient_ids.mapped("label")) or "-",
            "sifat": dict(letter._fields["sifat"]._description_selection(letter.env)).get(letter.sifat, ""),
            "lampiran": _("%(count)s file(s)", count=enclosures) if enclosures else "-",
            "klasifikasi": letter.classification_id.display_name or "",
            "jabatan_penandatangan": title or pending,
            "nama_penandatangan": name or pending,
            "nip_penandatangan": nip or "-",
            "skpd": company.name or "",
            "pemda": pemda,
            "daerah": re.sub(r"^pemerintah\s+", "", pemda, flags=re.IGNORECASE),
            "tempat": company.city or company.pemda_id.city or "",
        }

    def _render_body(self):
        """The body with its {{placeholders}} filled, in the language of the printed letter. Values are
        escaped: a subject or a name is text, never markup. An unknown placeholder is left as it is
        (submitting refuses it, see _check_placeholders)."""
        self.ensure_one()
        return fill_placeholders(self.body, self.with_context(lang=self._report_lang())._placeholder_values())

    @api.depends("body", "signed_body", "name", "number", "letter_date", "sifat", "signer_position_id",
                 "signer_title", "recipient_ids.label", "classification_id", "attachment_ids", "company_id")
    def _compute_body_preview(self):
        for letter in self:
            if letter.signed_body:
                letter.body_preview = letter.signed_body
            else:
                letter.body_preview = letter._render_body() if letter.body else False


def fill_placeholders(html, values):
    """The html with each {{name}} of values replaced by its value, escaped; other braces are kept."""
    def fill(match):
        value = values.get(match.group(1))
        return match.group(0) if value is None else str(escape(value))

    return Markup(PLACEHOLDER_RE.sub(fill, str(html or "")))


def _normalize_html(html):
    return re.sub(r"\s+", " ", str(html or "")).strip()
