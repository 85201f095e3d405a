"""The signing register: its entries, how they are appended and chained, and the walk that checks the
chain. What it reports and to whom is eoffice_signing_register_audit.py."""
import hashlib
import json
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)

GENESIS = "0" * 64
EVENTS = [
    ("signed", "Signed"),
    ("cosigned", "Co-signed"),
    ("revoked", "Revoked"),
    ("superseded", "Superseded"),
]
# the facts of an entry that its hash covers, in the canonical serialisation (docs/signing-register.md)
HASHED = ("sequence", "event", "company_id", "number", "verification_token", "pdf_sha256", "signer_name",
          "signer_title", "event_date", "prev_hash")
COLUMNS = ", ".join(("id", "letter_id", "entry_hash", *HASHED))
FORMAT_VERSION = 1
# letter states that a register entry must back
SIGNED_STATES = ("cosigning", "signed", "sent", "revoked", "superseded")
COUNTER_KEY = "signing-register"
WALK_BATCH = 5000
PARAM_BREAK = "eoffice_letters.signing_register_break"
PARAM_MISMATCH = "eoffice_letters.signing_register_mismatch"  # ids of letters that differ from the register
PARAM_CHECKED = "eoffice_letters.signing_register_checked"  # JSON: the head the last walk saw, and when


def entry_hash(facts):
    """SHA-256 (hex) of the canonical JSON of an entry's facts: keys sorted, no blanks, UTF-8,
    empty values as "", the date as ``YYYY-MM-DD HH:MM:SS`` (UTC), the SKPD as its database id."""
    date = facts["event_date"]
    canonical = {
        "v": FORMAT_VERSION,
        "sequence": int(facts["sequence"]),
        "event": facts["event"],
        "company_id": int(facts["company_id"]),
        "event_date": fields.Datetime.to_string(date) if not isinstance(date, str) else date,
        **{key: facts[key] or "" for key in ("number", "verification_token", "pdf_sha256", "signer_name",
                                              "signer_title", "prev_hash")},
    }
    data = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class EofficeSigningRegister(models.Model):
    """The signing register: an append-only hash chain of every signature, co-signature,
    revocation and supersession of a letter (the idea of RFC 6962 Certificate Transparency).

    Each entry holds the facts of the event and the hash of the previous entry; its own hash
    covers both. Changing a signed fact in the database afterwards, in the letter or in the
    register, no longer matches the chain: the public verification page answers
    "unverifiable" for that letter, and the daily walk of the chain alerts the Pemda
    administrators. Nobody writes or deletes an entry, the superuser included; entries are made
    only by :meth:`_append`, from the signing transaction. The head (sequence and hash) a Pemda
    publishes commits it to everything signed before.
    """

    _name = "eoffice.signing.register"
    _description = "Signing Register Entry"
    _order = "sequence desc"
    _rec_name = "sequence"

    sequence = fields.Integer(string="Sequence", required=True, readonly=True,
                              help="Position in the chain: 1, 2, 3... without gaps.")
    event = fields.Selection(EVENTS, string="Event", required=True, readonly=True)
    letter_id = fields.Many2one("eoffice.letter", string="Letter", readonly=True, index=True, ondelete="set null",
                                help="A link for navigation; the letter is identified in the hash by its token "
                                     "and number.")
    company_id = fields.Many2one("res.company", string="SKPD", required=True, readonly=True, index=True,
                                 ondelete="restrict")
    number = fields.Char(string="Number", readonly=True)
    verification_token = fields.Char(string="Verification Token", readonly=True, index=True)
    pdf_sha256 = fields.Char(string="SHA-256 of the PDF", readonly=True)
    signer_name = fields.Char(string="Signer's Name", readonly=True)
    signer_title = fields.Char(string="Signer's Seat", readonly=True)
    event_date = fields.Datetime(string="Date", required=True, readonly=True)
    prev_hash = fields.Char(string="Previous Hash", required=True, readonly=True)
    entry_hash = fields.Char(string="Entry Hash", required=True, readonly=True)

    _sql_constraints = [
        ("sequence_uniq", "unique(sequence)", "A signing register entry already holds this sequence."),
    ]

    @api.depends("sequence", "event", "number")
    def _compute_display_name(self):
        labels = dict(self._fields["event"]._description_selection(self.env))
        for entry in self:
            entry.display_name = f"#{entry.sequence} {labels.get(entry.event, '')} {entry.number or ''}".strip()

    # ------------------------------------------------------------------ append-only
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("Entries of the signing register are made only by signing, "
                                         "co-signing, revoking or correcting a letter."))
        return super().create(vals_list)

    # append-only: nothing reaches the ORM's write or unlink, so there is no super() to call
    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The signing register is append-only: its entries cannot be changed, "
                                   "not even by an administrator."))

    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(self.env._("The signing register is append-only: its entries cannot be deleted, "
                                   "not even by an administrator."))

    # ------------------------------------------------------------------ appending
    @api.model
    def _append(self, letter, event, date=None):
        """Append the entry of ``event`` ("signed", "cosigned", "revoked", "superseded") of ``letter``.

        Called with sudo by the signing transaction, as one of its last steps: it locks the chain
        (a counter row, as letter numbers do) until the transaction ends, so that two signatures at
        the same moment never read the same head; the second one's transaction fails with a
        serialization error that Odoo retries."""
        return self._append_many([(letter, event, date)])

    @api.model
    def _append_many(self, events):
        """Append ``(letter, event, date or None[, cosigner])`` entries in this order, under one lock."""
        if not self.env.su:
            raise AccessError(self.env._("Only the signing workflow appends to the signing register."))
        if not events:
            return self.browse()
        Counter = self.env["eoffice.letter.sequence"].sudo()
        anchor = self._counter_company()
        # the lock first: the head is read only once no other signing transaction can append
        number = Counter._next(anchor, COUNTER_KEY)
        self.flush_model()
        self.env.cr.execute("SELECT sequence, entry_hash FROM eoffice_signing_register "
                            "ORDER BY sequence DESC LIMIT 1")
        head = self.env.cr.fetchone()
        if head and head[0] >= number:
            # the counter was reset behind our back: never reuse a sequence
            number = head[0] + 1
        prev_hash = head[1] if head else GENESIS
        vals_list = []
        for letter, event, date, *cosigner in events:
            vals = self._entry_values(letter.sudo(), event, date, *cosigner)
            vals.update(sequence=number, prev_hash=prev_hash)
            vals["entry_hash"] = prev_hash = entry_hash(vals)
            vals_list.append(vals)
            number += 1
        self.env.cr.execute("UPDATE eoffice_letter_sequence SET last_number = %s "
                            "WHERE company_id = %s AND scope_key = %s", [number - 1, anchor.id, COUNTER_KEY])
        Counter.invalidate_model(["last_number"])
        return self.sudo().create(vals_list)

    @api.model
    def _counter_company(self):
        return self.env.ref("base.main_company")

    @api.model
    def _entry_values(self, letter, event, date=None, cosigner=None):
        if event not in dict(EVENTS):
            raise UserError(self.env._("Unknown signing register event %(event)s.", event=event))
        signer_name, signer_title = letter.signer_name, letter.signer_title
        if event == "cosigned":
            # co-signers sign in their order: the last one signed is the one signing now
            cosigner = cosigner or letter.cosigner_ids.filtered(lambda c: c.state == "signed")[-1:]
            signer_name, signer_title = cosigner.signer_name, cosigner.signer_title
        return {
            "event": event,
            "letter_id": letter.id,
            "company_id": letter.company_id.id,
            "number": letter.number or False,
            "verification_token": letter.verification_token or False,
            "pdf_sha256": letter.pdf_sha256 or False,
            "signer_name": signer_name or False,
            "signer_title": signer_title or False,
            "event_date": fields.Datetime.to_datetime(date or fields.Datetime.now()).replace(microsecond=0),
        }

    @api.model
    def _backfill(self):
        """Entries for the letters signed before the register existed (in id order), each as it stands
        now: its signature, its co-signatures, then its revocation or supersession. Returns the number
        of entries made."""
        self.env.cr.execute("""
            SELECT l.id FROM eoffice_letter l
             WHERE l.direction = 'outgoing' AND l.state IN %s AND l.verification_token IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM eoffice_signing_register r
                                WHERE r.verification_token = l.verification_token)
          ORDER BY l.id
        """, [SIGNED_STATES])
        ids = [row[0] for row in self.env.cr.fetchall()]
        Letter = self.env["eoffice.letter"].sudo()
        made = 0
        for start in range(0, len(ids), 1000):
            events = []
            for letter in Letter.browse(ids[start:start + 1000]):
                events.append((letter, "signed", letter.signed_date))
                events += [(letter, "cosigned", cosigner.date or letter.signed_date, cosigner)
                           for cosigner in letter.cosigner_ids if cosigner.state == "signed"]
                if letter.state == "revoked":
                    events.append((letter, "revoked", letter.revoked_date or letter.signed_date))
                elif letter.state == "superseded":
                    events.append((letter, "superseded", letter.superseded_by_id.signed_date or letter.signed_date))
            self.sudo()._append_many(events)
            made += len(events)
            Letter.invalidate_model()
        if made:
            _logger.info("Signing register: %s entries backfilled for %s letters", made, len(ids))
        return made

    # ------------------------------------------------------------------ checking one letter
    def _rows(self, where, params):
        self.flush_model()
        self.env.cr.execute(f"SELECT {COLUMNS} FROM eoffice_signing_register WHERE {where} "  # noqa: S608
                            "ORDER BY sequence", params)
        return self.env.cr.dictfetchall()

    @api.model
    def _check_letter(self, letter):
        """Whether the letter's facts match its entries in the register and the chain around them
        is intact. A few indexed lookups, never a walk of the chain (the public page calls it)."""
        letter = letter.sudo()
        if letter.state not in SIGNED_STATES or not letter.verification_token:
            return False
        rows = self._rows("verification_token = %s", [letter.verification_token])
        signed = [row for row in rows if row["event"] == "signed"]
        if len(signed) != 1:
            return False
        latest = rows[-1]
        expected = {"revoked": ("revoked",), "superseded": ("superseded",)}.get(letter.state, ("signed", "cosigned"))
        if latest["event"] not in expected \
                or any(row["letter_id"] not in (letter.id, None) for row in rows) \
                or latest["company_id"] != letter.company_id.id \
                or (latest["number"] or False) != (letter.number or False) \
                or (latest["pdf_sha256"] or False) != (letter.pdf_sha256 or False) \
                or (signed[0]["signer_name"] or False) != (letter.signer_name or False) \
                or sorted(row["signer_name"] or "" for row in rows if row["event"] == "cosigned") \
                != sorted(c.signer_name or "" for c in letter.cosigner_ids if c.state == "signed"):
            return False
        broken = self.env["ir.config_parameter"].sudo().get_param(PARAM_BREAK)
        if broken and int(broken) <= latest["sequence"]:
            return False
        return self._chain_intact_around(rows)

    @api.model
    def _chain_intact_around(self, rows):
        """Each entry's hash recomputes from its facts, its previous entry (recomputed) is what it
        links to, and the next entry, if any, links to it."""
        own = {row["sequence"] for row in rows}
        around = sorted({s + step for s in own for step in (-1, 1)} - own - {0})
        neighbours = {row["sequence"]: row for row in self._rows("sequence = ANY(%s)", [around])} if around else {}
        chain = {row["sequence"]: row for row in rows} | neighbours
        for row in rows:
            if entry_hash(row) != row["entry_hash"]:
                return False
            prev = chain.get(row["sequence"] - 1)
            if row["sequence"] == 1:
                if row["prev_hash"] != GENESIS:
                    return False
            elif not prev or entry_hash(prev) != row["prev_hash"]:
                return False
            following = chain.get(row["sequence"] + 1)
            if following and following["prev_hash"] != row["entry_hash"]:
                return False
        return True

    # ------------------------------------------------------------------ walking the chain
    @api.model
    def _walk(self):
        """Walk the whole chain in batches; returns the first broken sequence (or None) and the head seen."""
        cr = self.env.cr
        self.flush_model()
        expected_seq, prev_hash, count, broken = 1, GENESIS, 0, None
        last = 0
        while True:
            cr.execute(f"SELECT {COLUMNS} FROM eoffice_signing_register WHERE sequence > %s "  # noqa: S608
                       "ORDER BY sequence LIMIT %s", [last, WALK_BATCH])
            rows = cr.dictfetchall()
            if not rows:
                break
            for row in rows:
                count += 1
                recomputed = entry_hash(row)
                if broken is None:
                    if row["sequence"] != expected_seq:
                        broken = expected_seq  # a missing entry
                    elif row["prev_hash"] != prev_hash:
                        # the link between two entries: the earlier one was changed, or this one's link
                        broken = max(row["sequence"] - 1, 1)
                    elif recomputed != row["entry_hash"]:
                        broken = row["sequence"]
                expected_seq = row["sequence"] + 1
                prev_hash = recomputed
            last = rows[-1]["sequence"]
        cr.execute("SELECT last_number FROM eoffice_letter_sequence WHERE company_id = %s AND scope_key = %s",
                   [self._counter_company().id, COUNTER_KEY])
        counter = cr.fetchone()
        if broken is None and counter and counter[0] > last:
            broken = last + 1  # entries removed from the end of the chain
        head = {"sequence": last, "hash": prev_hash if last else GENESIS, "entries": count}
        return broken, head

    @api.model
    def _check_chain(self):
        """The daily check: walk the chain, record what was found, alert the Pemda administrators when an
        entry was changed or removed outside the application. Returns the result."""
        Param = self.env["ir.config_parameter"].sudo()
        broken, head = self._walk()
        previous = self._last_check()
        if broken is None and previous.get("sequence") and previous["sequence"] <= head["sequence"]:
            # the head the last walk saw must still be in the chain, with the same hash: otherwise
            # the chain was recomputed from some entry on, and nothing in it can be trusted
            self.env.cr.execute("SELECT sequence, entry_hash FROM eoffice_signing_register WHERE sequence = %s",
                                [previous["sequence"]])
            seen = self.env.cr.fetchone()
            if not seen or seen[1] != previous.get("hash"):
                broken = 1
        elif broken is None and previous.get("sequence", 0) > head["sequence"]:
            broken = head["sequence"] + 1
        old_break = Param.get_param(PARAM_BREAK)
        now = fields.Datetime.to_string(fields.Datetime.now())
        mismatched_count, mismatched = self._mismatched_letters()
        old_mismatch = Param.get_param(PARAM_MISMATCH) or ""
        new_mismatch = ",".join(str(i) for i in mismatched.ids)
        Param.set_param(PARAM_MISMATCH, new_mismatch or False)
        if mismatched and new_mismatch != old_mismatch:
            _logger.error("Signing register: %s signed letters differ from their entries", mismatched_count)
            self._alert_admins_letters(mismatched_count, mismatched)
        if broken is None:
            Param.set_param(PARAM_BREAK, False)
            Param.set_param(PARAM_CHECKED, json.dumps(dict(head, checked_at=now)))
            _logger.info("Signing register intact: %s entries, head %s %s", head["entries"], head["sequence"],
                         head["hash"])
        else:
            Param.set_param(PARAM_BREAK, str(broken))
            _logger.error("Signing register broken at entry %s (%s entries)", broken, head["entries"])
            if old_break != str(broken):
                self._alert_admins(broken)
        return {"broken": broken, "checked_at": now, "mismatched": mismatched_count,
                "mismatched_letters": mismatched, **head}

    @api.model
    def _cron_check_chain(self):
        self._check_chain()
