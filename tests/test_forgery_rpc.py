"""The forgeries of the Integrity issue, tried over real HTTP JSON-RPC as an integrator would.

Each attempt logs in as a demo user with their password (``/jsonrpc``, service ``object``,
``execute_kw``, no language in the context, as scripts send it), is refused with an Indonesian
message, and leaves the records as they were; the public verification page never says ASLI for a
letter that was not signed through the workflow.
"""

import datetime
import json
import secrets

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

ODD = {"eoffice_workflow": True, "install_mode": True, "tracking_disable": True}
# words of the guard's Indonesian messages (eoffice_skpd/i18n/id.po)
INDONESIAN = ("alur kerja", "tidak dapat", "hanya", "berstatus")
PDF = "JVBERi0xLjQgcGFsc3U="  # "%PDF-1.4 palsu"


@tagged("post_install", "-at_install")
class TestForgeryOverJsonRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.staff = ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        cls.admin_kominfo = cls.env["res.users"].search([("login", "=", "admin.kominfo")])
        cls.kasi = ref("eoffice_letters.user_kominfo_kasi_aptika")
        cls.kadis = ref("eoffice_skpd.user_skpd_kominfo_head")
        cls.kominfo = ref("eoffice_skpd.skpd_kominfo")
        Letter = cls.env["eoffice.letter"]
        cls.sent = Letter.search([("name", "=", "Undangan Rapat Koordinasi Satu Data Indonesia Tingkat Kabupaten"),
                                  ("direction", "=", "outgoing")], limit=1)
        cls.incoming = Letter.search([("name", "=", "Permohonan Narasumber Literasi Digital"),
                                      ("direction", "=", "incoming")], limit=1)
        cls.branch = cls.env["eoffice.disposition.branch"].search([("letter_id", "=", cls.incoming.id)], limit=1)
        assert cls.sent.state == "sent" and cls.branch and cls.admin_kominfo

    # ------------------------------------------------------------------ helpers
    def rpc(self, user, model, method, *args, context=None, **kwargs):
        """One execute_kw call over HTTP; returns (result, error message)."""
        if context is not None:
            kwargs["context"] = context
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.env.cr.dbname, user.id, "demo", model, method, list(args), kwargs]}}
        with mute_logger("odoo.http"):
            response = self.url_open("/jsonrpc", data=json.dumps(payload),
                                     headers={"Content-Type": "application/json"})
        body = response.json()
        if "error" in body:
            return None, body["error"]["data"]["message"]
        return body["result"], None

    def assert_refused(self, user, model, method, *args, extra_context=None, **kwargs):
        for context in (None, ODD):
            if extra_context:
                context = {**(context or {}), **extra_context}
            result, error = self.rpc(user, model, method, *args, context=context, **kwargs)
            self.assertIsNone(result, f"{user.login} {model}.{method}{args} was accepted")
            self.assertTrue(any(word in error for word in INDONESIAN), f"not an Indonesian refusal: {error}")

    def facts(self, record, names):
        record.invalidate_recordset()
        return {name: record.sudo()[name] for name in names}

    def verify(self, token):
        response = self.url_open(f"/eoffice/verify/{token}?format=json")
        return response.status_code, (response.json() if response.status_code == 200 else None)

    def signed_letter(self, **values):
        """A letter of Diskominfo signed through the workflow by the demo officials."""
        letter = self.env["eoffice.letter"].with_user(self.staff).with_context(
            allowed_company_ids=self.staff.company_ids.ids).create({
                "name": "Surat Uji Integritas", "company_id": self.kominfo.id,
                "type_id": self.env.ref("eoffice_letters.letter_type_sd").id,
                "classification_id": self.env.ref("eoffice_letters.archive_classification_000_5").id,
                "signer_position_id": self.env.ref("eoffice_skpd.pos_skpd_kominfo_head").id,
                "body": "<p>Isi surat uji.</p>",
                "to_recipient_ids": [(0, 0, {"recipient_type": "position",
                                             "position_id": self.env.ref("eoffice_skpd.pos_skpd_dinkes_head").id})],
                **values})
        letter.action_submit()
        while letter.state == "review":
            user = letter.current_review_id.position_id.current_user_ids[:1]
            letter.with_user(user).with_context(allowed_company_ids=user.company_ids.ids).action_approve()
        letter.with_user(self.kadis).with_context(allowed_company_ids=self.kadis.company_ids.ids).action_sign()
        return letter.with_env(self.env)

    # ------------------------------------------------------------------ the forgeries
    def test_a_draft_cannot_be_made_signed(self):
        draft_id, error = self.rpc(self.staff, "eoffice.letter", "create", {
            "name": "Surat Palsu", "company_id": self.kominfo.id,
            "type_id": self.env.ref("eoffice_letters.letter_type_sd").id})
        self.assertFalse(error)
        draft = self.env["eoffice.letter"].browse(draft_id)
        token = secrets.token_urlsafe(24)
        forged = {"state": "signed", "number": "800/1/PALSU/2026", "verification_token": token,
                  "signer_name": "Bupati Palsu", "letter_date": "2026-11-01", "pdf_sha256": "0" * 64}
        self.assert_refused(self.staff, "eoffice.letter", "write", [draft_id], forged)
        for name, value in forged.items():
            self.assert_refused(self.staff, "eoffice.letter", "write", [draft_id], {name: value})
        self.assertEqual(self.facts(draft, ["state", "number", "signer_name"]),
                         {"state": "draft", "number": False, "signer_name": False})
        status, facts = self.verify(token)
        self.assertEqual(status, 404)

    def test_a_letter_cannot_be_created_signed_or_received(self):
        base = {"name": "Surat Palsu", "company_id": self.kominfo.id,
                "type_id": self.env.ref("eoffice_letters.letter_type_sd").id}
        count = self.env["eoffice.letter"].search_count([])
        token = secrets.token_urlsafe(24)
        for extra in ({"state": "signed", "number": "1/PALSU", "verification_token": token},
                      {"state": "sent"}, {"verification_token": token, "signer_name": "Bupati Palsu"}):
            self.assert_refused(self.staff, "eoffice.letter", "create", {**base, **extra})
        tu = self.env.ref("eoffice_skpd.user_skpd_kominfo_tu")
        self.assert_refused(tu, "eoffice.letter", "create", {**base, "direction": "incoming", "state": "received",
                                                             "agenda_number": "9999/2026"})
        self.assert_refused(self.staff, "eoffice.letter", "create", base,
                            extra_context={"default_state": "signed", "default_verification_token": token})
        self.assertEqual(self.env["eoffice.letter"].search_count([]), count)
        self.assertEqual(self.verify(token)[0], 404)

    def test_the_paraf_chain_cannot_be_skipped_or_faked(self):
        letter = self.env["eoffice.letter"].with_user(self.staff).with_context(
            allowed_company_ids=self.staff.company_ids.ids).create({
                "name": "Surat Uji Paraf", "company_id": self.kominfo.id,
                "signer_position_id": self.env.ref("eoffice_skpd.pos_skpd_kominfo_head").id,
                "type_id": self.env.ref("eoffice_letters.letter_type_sd").id})
        self.assert_refused(self.staff, "eoffice.letter", "write", [letter.id], {"state": "to_sign"})
        review = letter.review_ids[:1]
        self.assertTrue(review, "the demo hierarchy proposes a paraf chain")
        self.assert_refused(self.staff, "eoffice.letter.review", "write", review.ids, {"state": "approved"})
        self.assertEqual(self.facts(letter, ["state"])["state"], "draft")
        self.assertEqual(review.sudo().state, "planned")
        # the approved paraf of a sent letter stays
        approved = self.sent.review_ids.filtered(lambda r: r.state == "approved")
        self.assertTrue(approved)
        self.assert_refused(self.staff, "eoffice.letter.review", "unlink", approved.ids)
        self.assert_refused(self.staff, "eoffice.letter", "write", [self.sent.id],
                            {"review_ids": [(2, approved[0].id)]})
        self.assertTrue(approved.exists())

    def test_a_signed_letter_is_frozen_for_drafter_and_skpd_admin(self):
        letter = self.sent
        names = ["state", "number", "pdf_sha256", "signer_name", "verification_token", "name", "body"]
        before = self.facts(letter, names)
        pdf_before = letter.sudo().pdf_file
        for user in (self.staff, self.admin_kominfo):
            for values in ({"state": "draft"}, {"number": "1/PALSU"}, {"pdf_sha256": "0" * 64},
                           {"pdf_file": PDF}, {"signer_name": "Bupati Palsu"},
                           {"verification_token": secrets.token_urlsafe(24)}, {"name": "Perihal Palsu"},
                           {"body": "<p>Isi palsu</p>"},
                           {"to_recipient_ids": [(0, 0, {"recipient_type": "external",
                                                         "external_name": "Penerima Palsu"})]}):
                self.assert_refused(user, "eoffice.letter", "write", [letter.id], values)
        self.assert_refused(self.staff, "eoffice.letter.recipient", "create", {
            "letter_id": letter.id, "recipient_type": "external", "external_name": "Penerima Palsu"})
        self.assert_refused(self.staff, "eoffice.letter.version", "create", {
            "letter_id": letter.id, "version_no": 9, "event": "signed", "subject": "Palsu", "body": "<p>x</p>"})
        line = letter.recipient_ids.filtered("incoming_letter_id")[:1]
        self.assert_refused(self.staff, "eoffice.letter.recipient", "write", line.ids,
                            {"read_date": "2026-11-02 10:00:00", "read_by_id": self.staff.id})
        self.assertFalse(line.sudo().read_date)
        self.assertEqual(self.facts(letter, names), before)
        self.assertEqual(letter.sudo().pdf_file, pdf_before)
        self.assertEqual(self.verify(before["verification_token"])[1]["status"], "genuine")

    def test_a_signed_rahasia_letter_cannot_be_declassified(self):
        letter = self.signed_letter(sifat="rahasia")
        self.assertTrue(letter.is_confidential)
        for values in ({"is_confidential": False}, {"sifat": "biasa"}, {"circle_position_ids": [(5,)]}):
            self.assert_refused(self.staff, "eoffice.letter", "write", [letter.id], values)
        self.assertEqual(self.facts(letter, ["sifat", "is_confidential"]),
                         {"sifat": "rahasia", "is_confidential": True})
        other = self.env.ref("eoffice_skpd.user_skpd_kominfo_tu")
        found, error = self.rpc(other, "eoffice.letter", "search", [("id", "=", letter.id)])
        self.assertEqual((found, error), ([], None))

    def test_only_the_addressee_finishes_a_disposition(self):
        branch = self.branch
        before = self.facts(branch, ["state", "report", "done_by_id"])
        self.assert_refused(self.staff, "eoffice.disposition.branch", "write", branch.ids,
                            {"state": "done", "report": "Selesai (palsu)"})
        self.assertEqual(self.facts(branch, ["state", "report", "done_by_id"]), before)
        self.assertNotEqual(branch.disposition_id.state, "done")
        self.assertNotEqual(self.incoming.disposition_state, "done")
        # and through the action, not the holder: refused too
        result, error = self.rpc(self.staff, "eoffice.disposition.branch", "action_done", branch.ids, "palsu")
        self.assertIsNone(result)
        self.assertEqual(self.facts(branch, ["state", "report", "done_by_id"]), before)

    def test_the_signed_pdf_cannot_be_swapped_through_its_attachment(self):
        letter = self.sent
        attachment = self.env["ir.attachment"].sudo().search([
            ("res_model", "=", "eoffice.letter"), ("res_id", "=", letter.id), ("res_field", "=", "pdf_file")])
        self.assertEqual(len(attachment), 1)
        raw = attachment.raw
        for user in (self.staff, self.admin_kominfo):
            self.assert_refused(user, "ir.attachment", "write", attachment.ids, {"datas": PDF})
            self.assert_refused(user, "ir.attachment", "unlink", attachment.ids)
            self.assert_refused(user, "ir.attachment", "create", {
                "name": "palsu.pdf", "datas": PDF, "res_model": "eoffice.letter", "res_id": letter.id,
                "res_field": "pdf_file"})
        attachment.invalidate_recordset()
        self.assertEqual(attachment.raw, raw)
        self.assertEqual(self.env["ir.attachment"].sudo().search_count([
            ("res_model", "=", "eoffice.letter"), ("res_id", "=", letter.id), ("res_field", "=", "pdf_file")]), 1)
        # a note with a file in the chatter of a signed letter stays possible
        note, error = self.rpc(self.staff, "ir.attachment", "create", {
            "name": "catatan.txt", "datas": "Y2F0YXRhbg==", "res_model": "eoffice.letter", "res_id": letter.id})
        self.assertFalse(error)
        self.assertTrue(note)

    def test_files_cannot_be_planted_through_context_defaults(self):
        letter = self.sent
        self.assert_refused(self.staff, "ir.attachment", "create", {"name": "palsu.pdf", "datas": PDF},
                            extra_context={"default_res_model": "eoffice.letter", "default_res_id": letter.id,
                                           "default_res_field": "pdf_file"})
        self.assertEqual(self.env["ir.attachment"].sudo().search_count([
            ("res_model", "=", "eoffice.letter"), ("res_id", "=", letter.id), ("res_field", "=", "pdf_file")]), 1)

    def test_an_enclosure_cannot_be_swapped_after_signing(self):
        # a loose upload linked to a draft becomes the letter's own file, guarded once it is signed
        attachment_id, error = self.rpc(self.staff, "ir.attachment", "create", {"name": "lampiran.txt",
                                                                               "datas": "bGFtcGlyYW4="})
        self.assertFalse(error)
        letter = self.signed_letter(attachment_ids=[(6, 0, [attachment_id])])
        attachment = self.env["ir.attachment"].sudo().browse(attachment_id)
        self.assertEqual((attachment.res_model, attachment.res_id), ("eoffice.letter", letter.id))
        self.assert_refused(self.staff, "ir.attachment", "write", [attachment_id], {"datas": PDF})
        self.assertEqual(attachment.raw, b"lampiran")

    def test_only_the_signing_seat_supersedes_a_letter(self):
        # the drafter may prepare a correction, but signing it from another seat is refused
        correction = self.sent.with_user(self.staff).with_context(
            allowed_company_ids=self.staff.company_ids.ids).action_correct()
        correction = self.env["eoffice.letter"].browse(correction["res_id"])
        own_seat = self.staff.eoffice_position_ids[:1]
        self.assertTrue(own_seat)
        correction.with_user(self.staff).write({"signer_position_id": own_seat.id, "review_ids": [(5,)]})
        correction.with_user(self.staff).with_context(allowed_company_ids=self.staff.company_ids.ids).action_submit()
        result, error = self.rpc(self.staff, "eoffice.letter", "action_sign", [correction.id])
        self.assertIsNone(result)
        self.assertEqual(self.sent.state, "sent")
        self.assertEqual(self.verify(self.sent.sudo().verification_token)[1]["status"], "genuine")
        tu = self.env.ref("eoffice_skpd.user_skpd_kominfo_tu")
        result, error = self.rpc(tu, "eoffice.letter", "action_correct", [self.sent.id])
        self.assertIsNone(result)

    def test_a_letter_is_disposed_only_by_its_addressee(self):
        own_seat = self.staff.eoffice_position_ids[:1]
        below = self.env["eoffice.position"].search([("parent_id", "=", own_seat.id)], limit=1) or own_seat
        count = self.env["eoffice.disposition"].search_count([])
        for letter in (self.sent, self.incoming):
            wizard_id, error = self.rpc(self.staff, "eoffice.disposition.wizard", "create", {
                "mode": "dispose", "letter_id": letter.id, "from_position_id": own_seat.id,
                "position_ids": [(6, 0, below.ids)], "deadline": "2026-12-31"})
            if wizard_id:
                result, error = self.rpc(self.staff, "eoffice.disposition.wizard", "action_confirm", [wizard_id])
                self.assertIsNone(result)
        self.assertEqual(self.env["eoffice.disposition"].search_count([]), count)

    def test_only_tu_registers_an_incoming_letter(self):
        draft_id, error = self.rpc(self.staff, "eoffice.letter", "create", {
            "direction": "incoming", "name": "Surat Masuk Uji", "company_id": self.kominfo.id,
            "sender_name": "Pengirim", "sender_number": "1/UJI", "sender_date": "2026-11-01"})
        self.assertFalse(error)
        result, error = self.rpc(self.staff, "eoffice.letter", "action_register", [draft_id])
        self.assertIsNone(result)
        self.assertEqual(self.env["eoffice.letter"].browse(draft_id).state, "draft")

    def test_postings_keep_to_the_budget_whatever_the_context(self):
        operator = self.env.ref("eoffice_budget.user_operator_kominfo")
        dpa = self.env["eoffice.budget.plan"].search([
            ("kind", "=", "dpa"), ("company_id", "=", operator.company_id.id),
            ("fiscal_year_id", "=", self.env.ref("eoffice_budget.fiscal_year_2026").id)])
        line = dpa.line_ids.filtered(lambda line: line.available_amount > 2000)[:1]
        self.assertTrue(line)
        Realization = self.env["eoffice.budget.realization"]
        count = Realization.search_count([])
        realized = line.realized_amount
        # an operator cannot record an SP2D by a context default
        result, error = self.rpc(operator, "eoffice.budget.realization", "create", {
            "line_id": line.id, "amount": 1000.0, "date": "2026-06-30", "spm_number": "SPM-PALSU",
            "sp2d_number": "SP2D-PALSU"}, context={"default_state": "paid"})
        self.assertIsNone(result)
        # nor overspend by posting several commitments in one call: each one alone would pass
        date = datetime.date(2026, 6, 30)
        checker = line.with_user(operator).with_context(allowed_company_ids=operator.company_ids.ids)

        def postable(amount):
            try:
                with self.env.cr.savepoint():
                    checker._check_available(amount, date)
                return True
            except UserError:
                return False

        low, high = 0, int(line.available_amount)
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if postable(middle) else (low, middle)
        self.assertGreater(low, 1000)
        result, error = self.rpc(operator, "eoffice.budget.realization", "create", [
            {"line_id": line.id, "amount": low, "date": "2026-06-30", "spm_number": f"SPM-PALSU-{i}"}
            for i in range(2)])
        self.assertIsNone(result)
        self.assertEqual(Realization.search_count([]), count)
        line.invalidate_recordset()
        self.assertEqual(line.realized_amount, realized)
        # the anomaly flags are the verifier's: no public method writes them
        result, error = self.rpc(operator, "eoffice.budget.plan", "_flag_anomalies", dpa.ids)
        self.assertIsNone(result)

    def test_a_former_acting_official_cannot_name_a_day_of_their_acting(self):
        """Who holds a seat is decided on the Pemda's today, whatever day or time zone the context names: a
        former Plt. of the Kepala Dinas does not read the seat's Rahasia letters by sending a day of their
        acting (``date``) or a far time zone (``tz``)."""
        head = self.env.ref("eoffice_skpd.pos_skpd_kominfo_head")
        employee = self.env["hr.employee"].search([("user_id", "=", self.staff.id)], limit=1)
        Acting = self.env["eoffice.position.acting"]
        Acting.create({"position_id": head.id, "employee_id": employee.id, "kind": "plt",
                       "date_from": "2025-01-01", "date_to": "2025-01-31"})
        letter = self.env["eoffice.letter"].create({
            "direction": "incoming", "name": "Rencana mutasi pejabat (rahasia)", "company_id": self.kominfo.id,
            "type_id": self.env.ref("eoffice_letters.letter_type_sd").id, "sifat": "rahasia",
            "recipient_position_id": head.id, "sender_name": "Badan Kepegawaian Daerah"})
        self.assertTrue(letter.is_confidential)
        for context in (None, {"date": "2025-01-15"}, {"date": "2025-01-15", "tz": "Pacific/Kiritimati"}):
            result, error = self.rpc(self.staff, "eoffice.letter", "search_read", [("id", "=", letter.id)],
                                     ["name"], context=context)
            self.assertEqual(result, [], context)
        # while an acting runs, the same call finds the letter: it is the seat's circle that refused above
        today = datetime.date.today()
        Acting.create({"position_id": head.id, "employee_id": employee.id, "kind": "plt",
                       "date_from": today - datetime.timedelta(days=1), "date_to": today + datetime.timedelta(days=1)})
        result, error = self.rpc(self.staff, "eoffice.letter", "search_read", [("id", "=", letter.id)], ["name"])
        self.assertEqual([row["name"] for row in result or []], [letter.name], error)
