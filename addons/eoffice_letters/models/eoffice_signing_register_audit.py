"""What the signing register reports, and to whom: the signed letters that differ from their entries,
the alerts to the Pemda administrators, the head of the chain the Pemda publishes, and the buttons
of the register's list. The chain itself (entries, appending, walking) is eoffice_signing_register.py."""
import json

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .eoffice_signing_register import FORMAT_VERSION, GENESIS, PARAM_CHECKED, SIGNED_STATES


class EofficeSigningRegisterAudit(models.Model):
    """Reports, alerts and the published head of eoffice.signing.register."""

    _inherit = "eoffice.signing.register"

    @api.model
    def _mismatched_letters(self, limit=50):
        """The signed letters whose facts (co-signers included) differ from their register entries (or that
        have none):
        one set query for the daily check. Returns their count and the first ``limit`` of them."""
        self.flush_model()
        self.env["eoffice.letter"].flush_model()
        self.env.cr.execute("""
            WITH latest AS (
                SELECT DISTINCT ON (verification_token) verification_token, event, number, pdf_sha256, company_id
                  FROM eoffice_signing_register
                 WHERE verification_token IS NOT NULL
              ORDER BY verification_token, sequence DESC
            ), signed AS (
                SELECT verification_token, min(signer_name) AS signer_name, count(*) AS entries
                  FROM eoffice_signing_register
                 WHERE event = 'signed' AND verification_token IS NOT NULL
              GROUP BY verification_token
            ), cosigned AS (
                SELECT verification_token, string_agg(coalesce(signer_name, ''), E'\n' ORDER BY signer_name) AS names
                  FROM eoffice_signing_register
                 WHERE event = 'cosigned' AND verification_token IS NOT NULL
              GROUP BY verification_token
            ), cosigners AS (
                SELECT letter_id, string_agg(coalesce(signer_name, ''), E'\n' ORDER BY signer_name) AS names
                  FROM eoffice_letter_cosigner
                 WHERE state = 'signed'
              GROUP BY letter_id
            )
            SELECT l.id
              FROM eoffice_letter l
         LEFT JOIN latest r ON r.verification_token = l.verification_token
         LEFT JOIN signed s ON s.verification_token = l.verification_token
         LEFT JOIN cosigned rc ON rc.verification_token = l.verification_token
         LEFT JOIN cosigners lc ON lc.letter_id = l.id
             WHERE l.direction = 'outgoing' AND l.state IN %(states)s
               AND (r.verification_token IS NULL OR s.entries IS DISTINCT FROM 1
                    OR r.number IS DISTINCT FROM l.number OR r.pdf_sha256 IS DISTINCT FROM l.pdf_sha256
                    OR r.company_id <> l.company_id OR s.signer_name IS DISTINCT FROM l.signer_name
                    OR rc.names IS DISTINCT FROM lc.names
                    OR (l.state = 'revoked') <> (r.event = 'revoked')
                    OR (l.state = 'superseded') <> (r.event = 'superseded'))
          ORDER BY l.id
        """, {"states": SIGNED_STATES})
        ids = [row[0] for row in self.env.cr.fetchall()]
        return len(ids), self.env["eoffice.letter"].sudo().browse(ids[:limit])

    @api.model
    def _last_check(self):
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_CHECKED)
        try:
            return json.loads(value) if value else {}
        except ValueError:
            return {}

    @api.model
    def _admins(self):
        group = self.env.ref("eoffice_skpd.group_pemda_admin")
        root = self.env.ref("base.user_root")
        return self.env["res.users"].sudo().search([("groups_id", "in", group.id), ("share", "=", False),
                                                     ("id", "!=", root.id)])

    @api.model
    def _alert_admins(self, broken):
        """A message in the inbox of every Pemda administrator, in their language: the chain is broken."""
        entry = self.sudo().search([("sequence", "<=", broken)], order="sequence desc", limit=1)
        for admin in self._admins():
            env = self.with_context(lang=admin.lang).env
            self._notify_admin(admin, entry, env._("The signing register was changed outside the application"), (
                env._("The daily check of the signing register found entry %(sequence)s changed or removed "
                      "directly in the database. Letters signed from that entry on are shown as "
                      "unverifiable on the public verification page.", sequence=broken),
                env._("Compare the register with the chain heads the Pemda published, restore the database "
                      "from a backup taken before the change, and report the incident to the Inspektorat.")))

    @api.model
    def _alert_admins_letters(self, count, letters):
        """A message in the inbox of every Pemda administrator: signed letters differ from the register."""
        numbers = ", ".join(letter.number or str(letter.id) for letter in letters)
        for admin in self._admins():
            env = self.with_context(lang=admin.lang).env
            self._notify_admin(admin, self.browse(), env._("Signed letters were changed outside the application"), (
                env._("The daily check found %(count)s signed letters whose number, fingerprint, signer or status "
                      "differ from the signing register: %(numbers)s. The public verification page shows them as "
                      "unverifiable.", count=count, numbers=numbers),
                env._("Compare the register with the chain heads the Pemda published, restore the database "
                      "from a backup taken before the change, and report the incident to the Inspektorat.")))

    @api.model
    def _notify_admin(self, admin, entry, subject, paragraphs):
        body = Markup("").join(Markup("<p>%s</p>") % paragraph for paragraph in paragraphs)
        self.env["mail.thread"].sudo().message_notify(
            model=self._name if entry else False, res_id=entry.id if entry else False,
            partner_ids=admin.partner_id.ids, subject=subject, body=body,
            author_id=self.env.ref("base.partner_root").id, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------ head and buttons
    @api.model
    def _head(self):
        """The current head of the chain, to publish."""
        self.flush_model()
        self.env.cr.execute("SELECT sequence, entry_hash, event_date FROM eoffice_signing_register "
                            "ORDER BY sequence DESC LIMIT 1")
        row = self.env.cr.fetchone()
        pemda = self.env.company.pemda_id or self.env.company
        return {
            "pemda": pemda.name,
            "head_sequence": row[0] if row else 0,
            "head_hash": row[1] if row else GENESIS,
            "head_date": fields.Datetime.to_string(row[2]) if row else None,
            "generated_at": fields.Datetime.to_string(fields.Datetime.now()),
            "hash": "sha256",
            "format_version": FORMAT_VERSION,
        }

    @api.model
    def _check_reader(self):
        user = self.env.user
        if not (self.env.su or user.has_group("eoffice_skpd.group_pemda_admin")
                or user.has_group("eoffice_skpd.group_auditor")):
            raise AccessError(self.env._("Only the Pemda administrators and the auditors may read the signing "
                                         "register."))

    def action_check_chain(self):
        """The "check the chain now" button: the daily walk, at once. (Not an ``api.model`` method: the list's
        header button passes the selected ids, none.)"""
        self._check_reader()
        result = self.sudo()._check_chain()
        if result["broken"] is None:
            message = self.env._("The chain is intact: %(entries)s entries, head #%(sequence)s %(hash)s.",
                                 entries=result["entries"], sequence=result["sequence"], hash=result["hash"])
            kind = "success"
        else:
            message = self.env._("The chain is broken at entry #%(sequence)s: an entry was changed or removed "
                                 "outside the application. The Pemda administrators were alerted.",
                                 sequence=result["broken"])
            kind = "danger"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"title": self.env._("Signing register"), "message": message, "type": kind,
                       "sticky": kind == "danger"},
        }

    def action_export_head(self):
        """Download the head of the chain (sequence, hash, time, Pemda) as a small JSON file to publish."""
        self._check_reader()
        return {"type": "ir.actions.act_url", "url": "/eoffice/signing-register/head", "target": "self"}
