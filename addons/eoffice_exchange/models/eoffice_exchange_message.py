"""Envelopes and receipts sent to and received from peers (docs/exchange.md).

Outgoing messages wait in this table, which is the queue: the scheduled action delivers the due
ones (each row locked with SKIP LOCKED, so two servers never send the same row at once) and retries
a peer that is down with growing delays; it is woken at once when a letter is sent. The receiving
side is idempotent on the envelope id, so a retried envelope is never registered twice.
"""
import base64
import datetime
import hashlib
import json
import logging
import uuid

import requests

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import envelope

_logger = logging.getLogger(__name__)

RETRY_FIRST = datetime.timedelta(minutes=1)
RETRY_MAX = datetime.timedelta(hours=6)
STATES = [
    ("queued", "Queued"),
    ("delivered", "Delivered"),
    ("read", "Read"),
    ("refused", "Refused by the peer"),
    ("received", "Received"),
]


class EofficeExchangeMessage(models.Model):
    _name = "eoffice.exchange.message"
    _description = "Exchange Envelope"
    _order = "create_date desc, id desc"
    _inherit = ["eoffice.workflow.mixin"]
    # written only by the exchange itself, as superuser; kept for ever (the expedition book)
    _workflow_initial_states = ("queued",)
    _workflow_unlink_states = ()

    name = fields.Char(string="Envelope", required=True, readonly=True, workflow="owned")
    envelope_uid = fields.Char(string="Envelope ID", required=True, readonly=True, index=True, workflow="owned")
    direction = fields.Selection([("out", "Sent"), ("in", "Received")], string="Direction", required=True,
                                 readonly=True, workflow="owned")
    kind = fields.Selection([("letter", "Letter"), ("read", "Read receipt")], string="Kind", required=True,
                            readonly=True, default="letter", workflow="owned")
    peer_id = fields.Many2one("eoffice.exchange.peer", string="Peer", required=True, readonly=True, index=True,
                              ondelete="restrict", workflow="owned")
    company_id = fields.Many2one("res.company", string="SKPD", required=True, readonly=True, index=True,
                                 workflow="owned")
    letter_id = fields.Many2one("eoffice.letter", string="Letter", readonly=True, index=True, workflow="owned")
    recipient_line_id = fields.Many2one("eoffice.letter.recipient", string="Recipient Line", readonly=True,
                                        index=True, workflow="owned")
    address_id = fields.Many2one("eoffice.exchange.address", string="Address", readonly=True, workflow="owned")
    state = fields.Selection(STATES, string="Status", required=True, readonly=True, default="queued", index=True,
                             workflow="owned")
    # the signed document as it travels, and the peer's (or our) signed receipt: only through the
    # download route, which checks the letter's access (a Rahasia letter stays in its circle)
    document = fields.Binary(string="Signed Envelope", attachment=True, readonly=True, groups="base.group_system",
                             workflow="owned")
    payload_sha256 = fields.Char(string="Payload SHA-256", readonly=True, workflow="owned")
    receipt_document = fields.Binary(string="Signed Receipt", attachment=True, readonly=True,
                                     groups="base.group_system", workflow="owned")
    attempts = fields.Integer(string="Attempts", readonly=True, workflow="owned")
    next_attempt = fields.Datetime(string="Next Attempt", readonly=True, index=True, workflow="owned")
    last_attempt = fields.Datetime(string="Last Attempt", readonly=True, workflow="owned")
    last_error = fields.Char(string="Last Error", readonly=True, workflow="owned")
    receipt_agenda_number = fields.Char(string="Peer's Agenda Number", readonly=True, workflow="owned")
    receipt_date = fields.Datetime(string="Delivered On", readonly=True, workflow="owned")
    receipt_by = fields.Char(string="Registered By", readonly=True, workflow="owned")
    read_date = fields.Datetime(string="Read On", readonly=True, workflow="owned")
    read_by = fields.Char(string="Read By", readonly=True, workflow="owned")

    _sql_constraints = [("envelope_unique", "unique(direction, kind, peer_id, envelope_uid)",
                         "This envelope is already recorded.")]

    # ------------------------------------------------------------------ identity and limits
    @api.model
    def _limits(self):
        params = self.env["ir.config_parameter"].sudo()
        max_mb = int(params.get_param("eoffice_exchange.max_envelope_mb", "30"))
        hours = int(params.get_param("eoffice_exchange.max_age_hours", "72"))
        return max_mb * 1024 * 1024, datetime.timedelta(hours=hours)

    @api.model
    def _trusted_cas(self, organisation):
        peer = self.env["eoffice.exchange.peer"].sudo().with_context(active_test=False).search(
            [("code", "=", organisation)], limit=1)
        if not peer or not peer.active:
            return False, []
        return True, [peer.certificate_pem] if peer.state == "trusted" and peer.certificate_pem else []

    @api.model
    def _identity(self, pemda):
        """(organisation code, certificate PEM, private key) this Pemda signs exchange documents with:
        a certificate issued by the Pemda CA to the exchange itself, made on first use."""
        code = self.env["eoffice.exchange.address"]._organisation_code()
        if not code:
            raise UserError(_("Set this Pemda's organisation code for the exchange first "
                              "(Settings › Technical › Parameters: eoffice_exchange.organisation_code)."))
        Certificate = self.env["eoffice.signing.certificate"].sudo()
        return (code, *Certificate._exchange_certificate(pemda))

    # ------------------------------------------------------------------ sending
    def _seal_letter(self, letter, line):
        """The envelope of ``letter`` for the recipient line ``line`` (a peer's address)."""
        address = line.exchange_address_id.sudo()
        peer = address.peer_id
        code, cert_pem, key = self._identity(letter.company_id.pemda_id)
        letter = letter.sudo()
        files = {letter.pdf_filename or "surat.pdf": base64.b64decode(letter.pdf_file)}
        roles = {next(iter(files)): ("letter", "application/pdf")}
        for index, attachment in enumerate(letter.attachment_ids, start=1):
            name = f"lampiran-{index}-{attachment.name}"
            files[name] = attachment.raw or b""
            roles[name] = ("enclosure", attachment.mimetype or "application/octet-stream")
        rahasia = letter.is_confidential
        uid = str(uuid.uuid4())
        payload = {
            "id": uid,
            "type": "letter",
            "created": envelope.timestamp(),
            "sender": {"organisation": code, "name": letter.company_id.pemda_id.name, "skpd": letter.company_id.name,
                       "signer": letter.signer_title or "", "reply_to": ""},
            "recipient": {"organisation": peer.code, "address": address.code, "name": address.name},
            "letter": {
                "number": letter.number, "date": fields.Date.to_string(letter.letter_date),
                "sifat": letter.sifat, "urgency": letter.urgency,
                "type": letter.type_id.code or letter.type_id.name,
                # a Rahasia letter's subject is only inside the signed PDF
                "subject": None if rahasia else letter.name,
                "verification_url": letter.verification_url or "",
            },
            "files": envelope.file_entries(files, roles),
        }
        raw = envelope.seal(envelope.ENVELOPE, payload, cert_pem, key, files=files)
        return uid, raw, hashlib.sha256(base64.b64decode(json.loads(raw)["payload"])).hexdigest()

    @api.model
    def _queue_letter(self, letter, line):
        uid, raw, digest = self._seal_letter(letter, line)
        message = self.sudo().create({
            "name": _("Envelope %(number)s to %(address)s", number=letter.number,
                      address=line.exchange_address_id.sudo().display_name),
            "envelope_uid": uid, "direction": "out", "kind": "letter",
            "peer_id": line.exchange_address_id.sudo().peer_id.id, "company_id": letter.company_id.id,
            "letter_id": letter.id, "recipient_line_id": line.id, "address_id": line.exchange_address_id.id,
            "document": base64.b64encode(raw), "payload_sha256": digest,
            "next_attempt": fields.Datetime.now(),
        })
        self.env.ref("eoffice_exchange.ir_cron_exchange_deliver").sudo()._trigger()
        return message

    def _retry_delay(self, attempts):
        return min(RETRY_FIRST * (2 ** max(attempts - 1, 0)), RETRY_MAX)

    def _retry_later(self, attempts, now, error):
        """Record a failed attempt and its (Indonesian) explanation; the next one waits twice as long."""
        self._workflow_write({"attempts": attempts, "last_attempt": now, "last_error": error[:500],
                              "next_attempt": now + self._retry_delay(attempts)})

    def _deliver_one(self):
        """POST one queued message to its peer; a network failure or a server error schedules a retry
        with a doubled delay, a refusal (4xx) stops it until someone retries by hand."""
        self.ensure_one()
        message = self.sudo()
        now = fields.Datetime.now()
        attempts = message.attempts + 1
        url = f"{message.peer_id.url.rstrip('/')}/eoffice/exchange/inbox"
        raw = base64.b64decode(message.document)
        try:
            if message.peer_id.state != "trusted":
                raise UserError(_("The peer is not trusted."))
            response = requests.post(url, data=raw, headers={"Content-Type": "application/json"}, timeout=60)
        except UserError as error:
            message._retry_later(attempts, now, str(error))
            return False
        except requests.RequestException as error:
            # the transport's own text (in English) stays after the Indonesian sentence, for the technician
            # (computed before the call: the term extractor cannot read f-strings among its arguments)
            detail = f"{type(error).__name__}: {error}"
            message._retry_later(attempts, now, _(
                "The peer could not be reached; it will be tried again. Detail: %(detail)s", detail=detail))
            return False
        if response.status_code >= 500:
            message._retry_later(attempts, now, _(
                "The peer's server answered an error (HTTP %(status)s); it will be tried again.",
                status=response.status_code))
            return False
        if response.status_code != 200:
            try:
                error = response.json()["error"]
                text = f"{error['code']}: {error.get('message') or ''}"
            except (ValueError, KeyError, TypeError):
                text = _("HTTP %(status)s without an explanation", status=response.status_code)
            if text.startswith("expired:") and message.kind == "letter" and not message.receipt_document:
                # the peer was away longer than its time window and never took this envelope in (it would
                # have answered its receipt): sealed anew, with a new id and time, and sent at once
                message._reseal(attempts, text)
                return False
            message._workflow_write({"state": "refused", "attempts": attempts, "last_attempt": now,
                                     "last_error": text[:500], "next_attempt": False})
            message._on_refused(text)
            return False
        if message.kind == "read":
            message._workflow_write({"state": "delivered", "attempts": attempts, "last_attempt": now,
                                     "last_error": False, "next_attempt": False, "receipt_date": now})
            return True
        try:
            receipt = envelope.unseal(response.content, self._trusted_cas, *self._limits(), expect=(envelope.RECEIPT,))
            if receipt.sender != message.peer_id.code or receipt.payload.get("envelope") != message.envelope_uid \
                    or receipt.payload.get("envelope_sha256") != message.payload_sha256 \
                    or receipt.payload.get("type") != "delivered":
                raise envelope.EnvelopeError("wrong_recipient", "the receipt is not for this envelope")
        except envelope.EnvelopeError as error:
            message._retry_later(attempts, now, _(
                "The peer's receipt could not be verified (%(code)s: %(detail)s); it will be tried again.",
                code=error.code, detail=error.detail))
            return False
        message._apply_delivered(receipt, response.content)
        return True

    def _reseal(self, attempts, reason):
        uid, raw, digest = self._seal_letter(self.letter_id, self.recipient_line_id)
        self._workflow_write({"envelope_uid": uid, "document": base64.b64encode(raw), "payload_sha256": digest,
                              "attempts": attempts, "last_attempt": fields.Datetime.now(),
                              "last_error": reason[:500], "next_attempt": fields.Datetime.now()})
        self.letter_id._log(_("The envelope to %(address)s was sealed anew (new id %(uid)s): the peer's time window "
                              "had passed.", address=self.address_id.display_name, uid=uid))

    def _apply_delivered(self, receipt, raw):
        payload = receipt.payload
        when = envelope.parse_timestamp(payload["registered"]).replace(tzinfo=None)
        registered_by = payload.get("registered_by") or {}
        by = ", ".join(filter(None, [registered_by.get("seat"), registered_by.get("skpd")]))
        self._workflow_write({"state": "delivered", "attempts": self.attempts + 1,
                              "last_attempt": fields.Datetime.now(),
                              "last_error": False, "next_attempt": False, "receipt_document": base64.b64encode(raw),
                              "receipt_agenda_number": payload.get("agenda_number"), "receipt_date": when,
                              "receipt_by": by})
        line = self.recipient_line_id
        if line:
            line.sudo().write({"dispatch_state": "delivered", "delivery_note": _(
                "Agenda %(agenda)s at %(peer)s", agenda=payload.get("agenda_number"), peer=self.peer_id.name)})
        self.letter_id._log(_("Delivered to %(address)s: registered with agenda number %(agenda)s (signed receipt "
                              "of %(peer)s).", address=self.address_id.display_name,
                              agenda=payload.get("agenda_number"), peer=self.peer_id.name))

    def _on_refused(self, text):
        if self.letter_id and self.kind == "letter":
            self.letter_id._log(_("The envelope to %(address)s was refused by %(peer)s: %(error)s",
                                  address=self.address_id.display_name, peer=self.peer_id.name, error=text))

    @api.model
    def _cron_deliver(self, limit=50):
        """Deliver the due messages, one transaction each (a peer's slowness never holds the others)."""
        done = 0
        while done < limit:
            self.env.cr.execute("""
                SELECT id FROM eoffice_exchange_message
                 WHERE direction = 'out' AND state = 'queued' AND next_attempt <= (now() at time zone 'UTC')
                 ORDER BY next_attempt, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
            row = self.env.cr.fetchone()
            if not row:
                break
            message = self.sudo().browse(row[0])
            try:
                message._deliver_one()
            except Exception:  # one bad row must not stop the queue: it waits for its next attempt
                _logger.exception("exchange: delivering %s failed", message.envelope_uid)
                text = _("Internal error while sending (see the server log); it will be tried again in 10 minutes.")
                self.env.cr.rollback()
                self.env.cr.execute("""UPDATE eoffice_exchange_message SET attempts = attempts + 1,
                                       next_attempt = (now() at time zone 'UTC') + interval '10 minutes',
                                       last_error = %s WHERE id = %s""", [text, row[0]])
            self.env.cr.commit()
            done += 1
        if done == limit:
            self.env.ref("eoffice_exchange.ir_cron_exchange_deliver").sudo()._trigger()
        return done

    def _check_operator(self):
        for message in self:
            if not message.letter_id:
                continue
            message.letter_id.check_access("read")
            message.letter_id._check_can_send()

    def action_retry_now(self):
        """Send again now: a queued envelope's next attempt, or one the peer refused (after the cause
        was fixed on either side)."""
        self._check_operator()
        for message in self.filtered(lambda m: m.direction == "out" and m.state in ("queued", "refused")):
            message.sudo()._workflow_write({"state": "queued", "next_attempt": fields.Datetime.now()})
        self.env.ref("eoffice_exchange.ir_cron_exchange_deliver").sudo()._trigger()
        return True

    def action_download(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/eoffice/exchange/message/{self.id}/envelope"}

    def action_download_receipt(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/eoffice/exchange/message/{self.id}/receipt"}

    def _check_download(self):
        """Who may take the signed file away: whoever may read the letter (its Rahasia circle
        included) and, for an outgoing one, send it."""
        self.ensure_one()
        if not self.letter_id:
            raise AccessError(_("This envelope has no letter to check your access against."))
        self.check_access("read")
        self.letter_id.check_access("read")
        if self.direction == "out":
            self.letter_id._check_can_send()

    # ------------------------------------------------------------------ receiving
    @api.model
    def _receive(self, raw):
        """Verify and take in a document POSTed to the inbox or imported from a file. Returns
        (HTTP status, response bytes): the signed receipt of an envelope, a JSON acknowledgement of a
        receipt, or a JSON error ``{"error": {"code", "message"}}`` (nothing is stored then)."""
        try:
            opened = envelope.unseal(raw, self._trusted_cas, *self._limits(),
                                     expect=(envelope.ENVELOPE, envelope.RECEIPT))
            peer = self.env["eoffice.exchange.peer"].sudo().search([("code", "=", opened.sender)], limit=1)
            if opened.payload.get("recipient", {}).get("organisation") != self.env[
                    "eoffice.exchange.address"]._organisation_code():
                raise envelope.EnvelopeError("wrong_recipient", "the document is addressed to another organisation")
            # one envelope id at a time, across workers and servers: a retry waits for the first try
            lock = hashlib.sha256(f"{peer.id}:{opened.payload['id']}".encode()).hexdigest()[:15]
            self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", [int(lock, 16)])
            if opened.kind == envelope.ENVELOPE:
                return 200, self._receive_envelope(peer, opened, raw)
            return 200, self._receive_receipt(peer, opened, raw)
        except envelope.EnvelopeError as error:
            late = error.opened
            if error.code == "expired" and late and late.kind == envelope.ENVELOPE:
                # a retry after the time window of an envelope already taken in gets its receipt again;
                # an envelope never seen is refused, and its sender seals it anew (a new id)
                peer = self.env["eoffice.exchange.peer"].sudo().search([("code", "=", late.sender)], limit=1)
                existing = self.sudo().search([("direction", "=", "in"), ("kind", "=", "letter"),
                                               ("peer_id", "=", peer.id), ("envelope_uid", "=", late.payload["id"]),
                                               ("payload_sha256", "=", late.payload_sha256)], limit=1)
                if peer and existing:
                    return 200, base64.b64decode(existing.receipt_document)
            return error.status, json.dumps({"error": {"code": error.code, "message": self._error_text(error),
                                                       "detail": error.detail}}).encode()

    @api.model
    def _error_text(self, error):
        texts = {
            "malformed": _("The document is not a valid envelope."),
            "too_large": _("The envelope is larger than this Pemda accepts."),
            "unknown_sender": _("The sender is not in this Pemda's directory of peers."),
            "untrusted_sender": _("This Pemda has not confirmed its trust in the sender."),
            "untrusted_certificate": _("The signing certificate is not issued by the sender's trusted CA, or has "
                                       "expired."),
            "bad_signature": _("The signature does not match the envelope: it was altered."),
            "expired": _("The envelope's time is outside the accepted window."),
            "hash_mismatch": _("A file of the envelope differs from its signed hash."),
            "unknown_address": _("The envelope is addressed to an address this Pemda does not publish."),
            "rahasia_needs_seat": _("A Rahasia letter travels only to a named seat."),
            "wrong_recipient": _("The document is addressed to another organisation."),
            "replay": _("An envelope with this id was already received with other content."),
            "unknown_envelope": _("The receipt is for an envelope this Pemda never sent to the sender."),
        }
        return texts.get(error.code, error.code)

    def _receive_envelope(self, peer, opened, raw):
        payload = opened.payload
        existing = self.sudo().search([("direction", "=", "in"), ("kind", "=", "letter"), ("peer_id", "=", peer.id),
                                       ("envelope_uid", "=", payload["id"])], limit=1)
        if existing:
            if existing.payload_sha256 != opened.payload_sha256:
                raise envelope.EnvelopeError("replay", "the envelope id was used for another envelope")
            return base64.b64decode(existing.receipt_document)  # a retry: the same receipt, no second letter
        code = (payload.get("recipient") or {}).get("address")
        address = self.env["eoffice.exchange.address"].sudo().search(
            [("peer_id", "=", False), ("code", "=", code)], limit=1)
        if not address or not address.position_id.active:
            raise envelope.EnvelopeError("unknown_address", f"{code} is not published here")
        info = payload.get("letter") or {}
        if info.get("sifat") in ("rahasia", "sangat_rahasia") and address.kind != "seat":
            raise envelope.EnvelopeError("rahasia_needs_seat", f"{code} is not a named seat")
        letter = self._register_letter(peer, opened, address)
        now = envelope.utcnow()
        pemda = letter.company_id.pemda_id
        own_code, cert_pem, key = self._identity(pemda)
        receipt = envelope.seal(envelope.RECEIPT, {
            "id": str(uuid.uuid4()), "type": "delivered", "created": envelope.timestamp(now),
            "envelope": payload["id"], "envelope_sha256": opened.payload_sha256,
            "sender": {"organisation": own_code, "name": pemda.name},
            "recipient": {"organisation": peer.code},
            "registered": envelope.timestamp(now), "agenda_number": letter.agenda_number,
            "registered_by": {"skpd": letter.company_id.name, "seat": address.position_id.name},
        }, cert_pem, key)
        self.sudo().create({
            "name": _("Envelope %(number)s from %(peer)s", number=info.get("number") or payload["id"], peer=peer.name),
            "envelope_uid": payload["id"], "direction": "in", "kind": "letter", "peer_id": peer.id,
            "company_id": letter.company_id.id, "letter_id": letter.id, "address_id": address.id,
            "state": "received", "document": base64.b64encode(raw), "payload_sha256": opened.payload_sha256,
            "receipt_document": base64.b64encode(receipt), "receipt_agenda_number": letter.agenda_number,
            "receipt_date": now.replace(tzinfo=None), "receipt_by": address.position_id.name,
        })
        return receipt

    def _register_letter(self, peer, opened, address):
        """The incoming letter in the register of the addressed seat's SKPD, as a delivered internal
        letter is registered (agenda number, the signed PDF, the enclosures, the seat notified)."""
        payload = opened.payload
        info = payload.get("letter") or {}
        seat = address.position_id.sudo()
        company = seat.company_id
        letter_name = next(entry["name"] for entry in payload["files"] if entry["role"] == "letter")
        pdf = opened.files[letter_name]
        Letter = self.env["eoffice.letter"].sudo().with_company(company)
        sifat = info.get("sifat") if info.get("sifat") in dict(Letter._fields["sifat"].selection) else "biasa"
        urgency = info.get("urgency") if info.get("urgency") in dict(Letter._fields["urgency"].selection) else "biasa"
        try:
            sender_date = fields.Date.to_date(info.get("date"))
        except ValueError:
            sender_date = False
        sender = payload.get("sender") or {}
        letter_type = self.env["eoffice.letter.type"].sudo().search(
            ["|", ("code", "=", info.get("type") or ""), ("name", "=", info.get("type") or "")], limit=1) \
            or self.env["eoffice.letter.type"].sudo().search([], limit=1)
        letter = Letter.create({
            "direction": "incoming",
            "state": "received",
            "company_id": company.id,
            "name": info.get("subject") or _("Rahasia letter number %(number)s", number=info.get("number") or "-"),
            "type_id": letter_type.id,
            "sifat": sifat,
            "urgency": urgency,
            "recipient_position_id": seat.id,
            "sender_name": ", ".join(filter(None, [sender.get("signer"), sender.get("skpd"), sender.get("name")])),
            "sender_number": info.get("number"),
            "sender_date": sender_date,
            "received_date": fields.Date.context_today(self),
            "pdf_file": base64.b64encode(pdf),
            "pdf_filename": letter_name,
            "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
        })
        letter._workflow_write({"agenda_number": letter._next_agenda_number()})
        attachments = self.env["ir.attachment"].sudo()
        for entry in payload["files"]:
            if entry["role"] == "enclosure":
                attachments |= attachments.create({"name": entry["name"], "raw": opened.files[entry["name"]],
                                                   "mimetype": entry.get("media_type"), "res_model": letter._name,
                                                   "res_id": letter.id})
        if attachments:
            letter.attachment_ids = attachments
        letter._log(_("Received through the exchange from %(peer)s (envelope %(uid)s, signature verified).",
                      peer=peer.name, uid=payload["id"]))
        letter._notify_pending()
        return letter

    def _receive_receipt(self, peer, opened, raw):
        payload = opened.payload
        message = self.sudo().search([("direction", "=", "out"), ("kind", "=", "letter"), ("peer_id", "=", peer.id),
                                      ("envelope_uid", "=", payload.get("envelope"))], limit=1)
        if not message or payload.get("envelope_sha256") != message.payload_sha256:
            raise envelope.EnvelopeError("unknown_envelope", "no envelope of ours matches this receipt")
        if payload.get("type") == "delivered":
            if message.state == "queued" or (message.state == "refused" and not message.receipt_document):
                message._apply_delivered(opened, raw)
        elif payload.get("type") == "read":
            if not message.receipt_document and payload.get("agenda_number"):
                # the delivery receipt was lost on the way (the peer's answer never came back): the signed
                # read receipt proves the delivery too, and names the agenda number
                message._workflow_write({"state": "delivered", "receipt_agenda_number": payload["agenda_number"],
                                         "receipt_date": envelope.parse_timestamp(
                                             payload.get("registered") or payload["created"]).replace(tzinfo=None),
                                         "next_attempt": False, "last_error": False})
                if message.recipient_line_id:
                    message.recipient_line_id.sudo().write({"dispatch_state": "delivered", "delivery_note": _(
                        "Agenda %(agenda)s at %(peer)s", agenda=payload["agenda_number"], peer=peer.name)})
            if message.state != "read":
                when = envelope.parse_timestamp(payload.get("read") or payload["created"]).replace(tzinfo=None)
                read_by = payload.get("read_by") or {}
                by = ", ".join(filter(None, [read_by.get("name"), read_by.get("seat")]))
                message._workflow_write({"state": "read", "read_date": when, "read_by": by})
                if message.recipient_line_id:
                    message.recipient_line_id.sudo().write({"read_date": when})
                message.letter_id._log(_("Read at %(peer)s by %(name)s (signed read receipt).",
                                         peer=peer.name, name=by))
        else:
            raise envelope.EnvelopeError("malformed", "a receipt's type is delivered or read")
        return json.dumps({"status": "ok", "receipt": payload["id"]}).encode()

    def _queue_read_receipt(self, user):
        """The second signed message: the addressed official opened the letter we received."""
        for message in self.sudo():
            pemda = message.company_id.pemda_id
            own_code, cert_pem, key = self._identity(pemda)
            now = envelope.utcnow()
            seat = message.address_id.position_id
            raw = envelope.seal(envelope.RECEIPT, {
                "id": str(uuid.uuid4()), "type": "read", "created": envelope.timestamp(now),
                "envelope": message.envelope_uid, "envelope_sha256": message.payload_sha256,
                "sender": {"organisation": own_code, "name": pemda.name},
                "recipient": {"organisation": message.peer_id.code},
                "read": envelope.timestamp(now), "read_by": {"name": user.name, "seat": seat.name},
                "agenda_number": message.receipt_agenda_number,
                "registered": envelope.timestamp(message.receipt_date.replace(tzinfo=datetime.timezone.utc)),
            }, cert_pem, key)
            self.sudo().create({
                "name": _("Read receipt of %(envelope)s", envelope=message.name),
                "envelope_uid": message.envelope_uid, "direction": "out", "kind": "read",
                "peer_id": message.peer_id.id, "company_id": message.company_id.id, "letter_id": message.letter_id.id,
                "address_id": message.address_id.id, "document": base64.b64encode(raw),
                "payload_sha256": hashlib.sha256(base64.b64decode(json.loads(raw)["payload"])).hexdigest(),
                "next_attempt": fields.Datetime.now(),
            })
            message._workflow_write({"state": "read", "read_date": now.replace(tzinfo=None), "read_by": user.name})
        self.env.ref("eoffice_exchange.ir_cron_exchange_deliver").sudo()._trigger()
