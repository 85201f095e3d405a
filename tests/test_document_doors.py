"""Every door to a document follows the letter's rules, tried over HTTP with real sessions.

A Rahasia outgoing letter of Diskominfo (signed, with its PDF and an enclosure) and a Rahasia incoming letter
(a scanned PDF, a scanned page, a disposition and its lembar disposisi) are set up once through the workflow.
Then every door (``DOORS``: ``/web/content``, ``/web/image``, JSON-RPC on ``ir.attachment``, exports, the
mail composer and chatter routes, the letter's own printing methods) is tried by every user (``USERS``): the
official in the letters' circle gets the secret through each door (so the test can fail), while a colleague
of the same SKPD outside the circle, a user of another SKPD, a portal user and an anonymous client get none of
it: no file bytes, no subject, no body, no file name. Ids guessed around a file the user may see are no key.

The secrets are recognised by markers: random words in the subjects, bodies and file names, and slices of
every file, raw and base64-encoded (zip answers, such as xlsx exports, are searched unpacked).
"""

import base64
import io
import json
import re
import secrets
import zipfile
from typing import NamedTuple

from markupsafe import Markup

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

MUTED = ("odoo.http", "odoo.models", "odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model",
         "odoo.addons.base.models.ir_attachment", "odoo.addons.web.controllers.export",
         "odoo.addons.web.controllers.binary")


def slices(raw):
    """A slice from the middle of ``raw`` and the same bytes as they appear in its base64 form."""
    start = (len(raw) // 2) // 3 * 3
    encoded = base64.b64encode(raw)
    return raw[start:start + 24], encoded[start // 3 * 4:start // 3 * 4 + 32]


def png(marker):
    """A small PNG image carrying ``marker`` in a text chunk."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", marker)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


class Secret(NamedTuple):
    """A file of a Rahasia letter."""

    key: str
    attachment: object  # ir.attachment (superuser)
    letter: object  # eoffice.letter (superuser)
    field: str | None  # the binary field it is the value of, if any
    image: bool
    raw: bytes  # a slice of its bytes
    b64: bytes  # the same slice, base64


# ---------------------------------------------------------------------------------------------- the doors
# Each door takes (test, secret) and returns the answer's status and body; per-file doors are tried with every
# secret file, per-letter doors with both letters (secret.attachment is then the letter's first file).

def _get(test, url):
    response = test.url_open(url, allow_redirects=False)
    return response.status_code, response.content


def door_content(test, s):
    return _get(test, f"/web/content/{s.attachment.id}")


def door_content_download(test, s):
    return _get(test, f"/web/content/{s.attachment.id}?download=true")


def door_content_named(test, s):
    return _get(test, f"/web/content/{s.attachment.id}/{s.attachment.name}")


def door_content_field(test, s):
    return _get(test, f"/web/content/eoffice.letter/{s.letter.id}/{s.field}")


def door_content_attachment_field(test, s):
    return _get(test, f"/web/content/ir.attachment/{s.attachment.id}/datas")


def door_image(test, s):
    return _get(test, f"/web/image/{s.attachment.id}")


def door_image_field(test, s):
    return _get(test, f"/web/image/ir.attachment/{s.attachment.id}/datas")


def door_rpc_read(test, s):
    return test.call("ir.attachment", "read", [s.attachment.id], ["name", "datas", "res_name"])


def door_rpc_search_read_record(test, s):
    domain = [("res_model", "=", "eoffice.letter"), ("res_id", "=", s.letter.id)]
    if s.field:
        domain.append(("res_field", "=", s.field))
    return test.call("ir.attachment", "search_read", domain, ["name", "datas", "res_name"])


def door_rpc_guessed_ids(test, s):
    """The neighbours of a file the user may see, and the secret's own id, asked for by id."""
    own = test.own_files.get(test.current_user, [])
    ids = sorted({i for file_id in own for i in range(file_id - 3, file_id + 4)} | {s.attachment.id})
    status, body = test.call("ir.attachment", "search_read", [("id", "in", ids)], ["name", "datas", "res_name"])
    if status != 200:
        return status, body
    # and one read per id: a read by id is not filtered like a search
    for attachment_id in ids:
        status, one = test.call("ir.attachment", "read", [attachment_id], ["name", "datas", "res_name"])
        body += one
    return 200, body


def door_mail_attachment_zip(test, s):
    response = test.url_open("/mail/attachment/zip", data={
        "file_ids": str(s.attachment.id), "zip_name": "berkas.zip", "csrf_token": http.Request.csrf_token(test)},
        allow_redirects=False)
    return response.status_code, response.content


def _linked_by(test, s, user):
    """Whether a message, mail or template made by ``user`` since the setup carries the secret file, or the file
    left its letter."""
    test.env.invalidate_all()
    carriers = test.env["mail.message"].sudo().search([("attachment_ids", "in", s.attachment.ids),
                                                        ("id", ">", test.last_message_id)])
    templates = test.env["mail.template"].sudo().search([("attachment_ids", "in", s.attachment.ids)])
    moved = (s.attachment.sudo().res_model, s.attachment.sudo().res_id) != ("eoffice.letter", s.letter.id)
    return moved or any(record.create_uid.id == user for record in (*carriers, *templates))


def _composer(test, s, mode):
    user = test.current_user
    status, body = test.call("mail.compose.message", "create", {
        "model": "eoffice.letter", "res_ids": [test.own_drafts.get(user, 0)], "composition_mode": mode,
        "subject": "Terlampir", "body": "<p>Terlampir</p>", "attachment_ids": [(6, 0, [s.attachment.id])],
        "partner_ids": [(6, 0, test.env.ref("base.partner_demo").ids)]})
    created = json.loads(body).get("result") if status == 200 else None
    if created:
        status, sent = test.call("mail.compose.message", "action_send_mail", [created])
        body += sent
    # whatever the answer, what counts is whether a message (or an e-mail) now carries the file
    return status, body + (b" LINKED " + s.raw + s.b64 if _linked_by(test, s, user) else b"")


def door_composer(test, s):
    """The composer posts on the user's own draft with the file attached."""
    return _composer(test, s, "comment")


def door_composer_mass_mail(test, s):
    """The composer in mass-mail mode, whose e-mails are made as superuser."""
    return _composer(test, s, "mass_mail")


def door_mail_template(test, s):
    """A mail template of the user's own, with the file as its attachment."""
    status, body = test.call("mail.template", "create", {
        "name": "Templat Saya", "model_id": test.env["ir.model"]._get_id("eoffice.letter"),
        "attachment_ids": [(6, 0, [s.attachment.id])]})
    return status, body + (b" LINKED " + s.raw + s.b64 if _linked_by(test, s, test.current_user) else b"")


def door_message_post(test, s):
    """The chatter's own posting route, on the user's own draft, with the file attached."""
    status, body = test.json_route("/mail/message/post", {
        "thread_model": "eoffice.letter", "thread_id": test.own_drafts.get(test.current_user, 0),
        "post_data": {"body": "Terlampir", "message_type": "comment", "attachment_ids": [s.attachment.id]}})
    return status, body + (b" LINKED " + s.raw + s.b64 if _linked_by(test, s, test.current_user) else b"")


def door_link_to_own_draft(test, s):
    """The file linked to the user's own draft letter (as an enclosure, as a scanned page, at creation and by a
    write), then read back from the draft: linking makes no copy the user may read."""
    user = test.current_user
    draft = test.own_drafts.get(user, 0)
    answers = b""
    status = 200
    for name in ("attachment_ids", "scan_page_ids"):
        status, answer = test.call("eoffice.letter", "write", [draft], {name: [(4, s.attachment.id)]})
        answers += answer
        status, answer = test.call("eoffice.letter", "create", {
            "name": "Draf Lain", "type_id": test.env.ref("eoffice_letters.letter_type_sd").id,
            name: [(6, 0, [s.attachment.id])]})
        answers += answer
    mine = test.env["eoffice.letter"].sudo().search([("create_uid", "=", user)]).ids if user else []
    status, answer = test.call("ir.attachment", "search_read", [("res_model", "=", "eoffice.letter"),
                                                                ("res_id", "in", mine)], ["name", "datas"])
    return status, answers + answer


def door_verify_page(test, s):
    """The public verification page of the letter (the QR code's), as HTML and as JSON."""
    token = s.letter.verification_token
    if not token:
        return 404, b""
    status, page = _get(test, f"/eoffice/verify/{token}")
    _status, facts = _get(test, f"/eoffice/verify/{token}?format=json")
    return status, page + facts


def door_letter_read(test, s):
    return test.call("eoffice.letter", "read", [s.letter.id], ["name", "body", "signed_body", "pdf_file"])


def letter_models(env):
    """Every stored model with a stored many-to-one to letters, and those fields (from the registry)."""
    return {name: [field.name for field in model._fields.values()
                   if field.type == "many2one" and field.comodel_name == "eoffice.letter" and field.store]
            for name, model in env.registry.items() if not model._abstract and not model._transient
            and any(field.type == "many2one" and field.comodel_name == "eoffice.letter" and field.store
                    for field in model._fields.values())}


def door_letter_lines(test, s):
    """The records that point at the letter (recipients, reviews, dispositions, registers...): searched by
    their link and read by id, every field."""
    body = b""
    status = 200
    for model, names in letter_models(test.env).items():
        for name in names:
            found = test.env[model].sudo().search([(name, "=", s.letter.id)])
            status, answer = test.call(model, "search_read", [(name, "=", s.letter.id)])
            if found:
                status, more = test.call(model, "read", found.ids[:5])
                answer += more
            # name the model that leaks, in the failure
            body += answer + (f" [in {model}.{name}] ".encode() if test.subject.encode() in answer else b"")
    return status, body


def door_export_csv(test, s):
    return test.export("csv", s.letter)


def door_export_xlsx(test, s):
    return test.export("xlsx", s.letter)


def door_chatter_read(test, s):
    return test.call("mail.message", "search_read", [("model", "=", "eoffice.letter"), ("res_id", "=", s.letter.id)],
                     ["body", "record_name", "attachment_ids"])


def door_thread_messages(test, s):
    return test.json_route("/mail/thread/messages", {"thread_model": "eoffice.letter", "thread_id": s.letter.id})


def door_thread_data(test, s):
    return test.json_route("/mail/thread/data", {"thread_model": "eoffice.letter", "thread_id": s.letter.id,
                                                 "request_list": ["attachments", "followers"]})


def door_print_method(test, s):
    """The letter's own printing methods: the PDF (preview) and the lembar disposisi."""
    method = "action_print_disposition_sheet" if s.letter.direction == "incoming" else "action_preview_pdf"
    before = test.env["ir.attachment"].sudo().search([], order="id desc", limit=1).id
    status, body = test.call("eoffice.letter", method, [s.letter.id])
    made = test.env["ir.attachment"].sudo().search([("id", ">", before), ("res_model", "=", "eoffice.letter"),
                                                    ("res_id", "=", s.letter.id)])
    if status == 200 and made and b'"error"' not in body:
        # follow the download it hands out, with the same session
        url = json.loads(body)["result"]["url"]
        status, content = _get(test, url)
        # a PDF handed out is the letter's (or its sheet's) content: marked so that it counts as such
        return status, content + (test.PRINTED if content == made[:1].raw and content.startswith(b"%PDF") else b"")
    return status, body


class Door(NamedTuple):
    name: str
    call: object
    files: object  # which secrets it is tried with: "all", "fields", "images", "letters"
    right: str | None  # what the circle must get through it: "file", "b64", "subject", "body", "name", "printed"


DOORS = [
    Door("/web/content/<id>", door_content, "all", "file"),
    Door("/web/content/<id>?download=true", door_content_download, "all", "file"),
    Door("/web/content/<id>/<name>", door_content_named, "all", "file"),
    Door("/web/content/ir.attachment/<id>/datas", door_content_attachment_field, "all", "file"),
    Door("/web/content/eoffice.letter/<id>/<field>", door_content_field, "fields", "file"),
    Door("/web/image/<id>", door_image, "images", "file"),
    Door("/web/image/ir.attachment/<id>/datas", door_image_field, "images", "file"),
    Door("ir.attachment.read", door_rpc_read, "all", "b64"),
    Door("ir.attachment.search_read(res_model, res_id)", door_rpc_search_read_record, "all", "b64"),
    Door("ir.attachment by guessed ids", door_rpc_guessed_ids, "all", "b64"),
    Door("/mail/attachment/zip", door_mail_attachment_zip, "all", None),
    Door("mail.compose.message attachment_ids", door_composer, "all", None),
    Door("mail.compose.message attachment_ids (mass mail)", door_composer_mass_mail, "all", None),
    Door("mail.template attachment_ids", door_mail_template, "all", None),
    Door("/mail/message/post attachment_ids", door_message_post, "all", None),
    Door("linked to the user's own draft", door_link_to_own_draft, "all", None),
    Door("/eoffice/verify/<token>", door_verify_page, "letters", None),
    Door("eoffice.letter.read", door_letter_read, "letters", "subject"),
    Door("records pointing at the letter", door_letter_lines, "letters", "subject"),
    Door("/web/export/csv", door_export_csv, "letters", "subject"),
    Door("/web/export/xlsx", door_export_xlsx, "letters", "subject"),
    Door("mail.message.search_read of the chatter", door_chatter_read, "letters", "body"),
    Door("/mail/thread/messages", door_thread_messages, "letters", "body"),
    Door("/mail/thread/data", door_thread_data, "letters", "name"),
    Door("printing methods (PDF, lembar disposisi)", door_print_method, "letters", "printed"),
]

# the users who try every door: the official of the circle first, then those who must be refused
USERS = ("circle", "colleague", "other_skpd", "portal", "anonymous")


@tagged("post_install", "-at_install")
class TestDocumentDoors(HttpCase):
    PRINTED = b" PRINTED "

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.kominfo = ref("eoffice_skpd.skpd_kominfo")
        dinkes = ref("eoffice_skpd.skpd_dinkes")
        cls.staff = ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        cls.kadis = ref("eoffice_skpd.user_skpd_kominfo_head")
        cls.tu = ref("eoffice_skpd.user_skpd_kominfo_tu")
        cls.head_seat = ref("eoffice_skpd.pos_skpd_kominfo_head")
        cls.kasi = ref("eoffice_letters.user_kominfo_kasi_aptika")
        staff = "base.group_user,eoffice_skpd.group_staff"
        cls.users = {
            "circle": cls.kadis,
            "colleague": new_test_user(cls.env, login="doors_colleague", groups=staff, company_id=cls.kominfo.id,
                                       company_ids=[(6, 0, cls.kominfo.ids)]),
            "other_skpd": new_test_user(cls.env, login="doors_dinkes", groups=staff, company_id=dinkes.id,
                                        company_ids=[(6, 0, dinkes.ids)]),
            "portal": new_test_user(cls.env, login="doors_portal", groups="base.group_portal"),
            "anonymous": None,
        }
        # exports are a right of their own: the employees here have it, so that the export door is really tried;
        # the colleague has the technical features too (whose error messages say more)
        export = ref("base.group_allow_export")
        for key in ("circle", "colleague", "other_skpd"):
            cls.users[key].groups_id = [(4, export.id)]
        cls.users["colleague"].groups_id = [(4, ref("base.group_no_one").id)]
        # each employee's own draft, where the composer posts
        cls.own_drafts = {user.id: cls._as(user, cls.env["eoffice.letter"]).create({
            "name": "Draf Saya", "company_id": user.company_id.id, "type_id": ref("eoffice_letters.letter_type_sd").id,
        }).id for key, user in cls.users.items() if key in ("circle", "colleague", "other_skpd")}
        tag = secrets.token_hex(4).upper()
        cls.subject = f"PERIHALRAHASIA{tag}"
        cls.body = f"ISIRAHASIA{tag}"
        cls.name = f"BERKASRAHASIA{tag}"
        # a file each logged-in user may see, made just before the secret files: its neighbours are secret
        cls.own_files = {}
        cls._own_files()

        # the outgoing Rahasia letter: drafted by staff with an enclosure, reviewed, signed by the Kadis
        enclosure = cls._as(cls.staff, cls.env["ir.attachment"]).create({
            "name": f"{cls.name}-lampiran.txt", "raw": f"LAMPIRAN {tag} ".encode() * 40})
        outgoing = cls._as(cls.staff, cls.env["eoffice.letter"]).create({
            "name": f"Surat {cls.subject}", "company_id": cls.kominfo.id, "sifat": "rahasia",
            "type_id": ref("eoffice_letters.letter_type_sd").id,
            "classification_id": ref("eoffice_letters.archive_classification_000_5").id,
            "signer_position_id": cls.head_seat.id, "body": f"<p>Isi {cls.body}.</p>",
            "attachment_ids": [(6, 0, enclosure.ids)],
            "to_recipient_ids": [(0, 0, {"recipient_type": "external", "external_name": "Penerima Luar"})]})
        outgoing.action_submit()
        while outgoing.state == "review":
            reviewer = outgoing.current_review_id.position_id.current_user_ids[:1]
            cls._as(reviewer, outgoing).action_approve()
        cls._as(cls.kadis, outgoing).action_sign()
        cls.outgoing = outgoing.with_env(cls.env)
        assert cls.outgoing.pdf_file and cls.outgoing.is_confidential, cls.outgoing.state

        # the incoming Rahasia letter: registered by TU with its scan, disposed by the Kadis, its sheet printed
        page = cls._as(cls.tu, cls.env["ir.attachment"]).create({
            "name": f"{cls.name}-halaman.png", "raw": png(f"HALAMAN {tag}"), "mimetype": "image/png"})
        scan = b"%PDF-1.4\n% " + f"PINDAIAN {tag} ".encode() * 40 + b"\n%%EOF\n"
        incoming = cls._as(cls.tu, cls.env["eoffice.letter"]).create({
            "direction": "incoming", "name": f"Surat Masuk {cls.subject}", "company_id": cls.kominfo.id,
            "sifat": "rahasia", "sender_name": "Pengirim Uji", "sender_number": f"R-{tag}/2026",
            "sender_date": fields.Date.today(), "recipient_position_id": cls.head_seat.id,
            "scan_pdf": base64.b64encode(scan), "scan_filename": f"{cls.name}-pindaian.pdf",
            "scan_page_ids": [(6, 0, page.ids)]})
        incoming.action_register()
        cls.incoming = incoming.with_env(cls.env)
        kasi_seat = cls.kasi.eoffice_position_ids[:1]
        cls._as(cls.kadis, cls.env["eoffice.disposition"])._dispose(
            cls.incoming, cls.head_seat, kasi_seat, instructions=ref("eoffice_disposition.instruction_02"),
            note="Segera ditindaklanjuti")
        action = cls._as(cls.kadis, cls.incoming).action_print_disposition_sheet()
        sheet = cls.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        sheet.name = f"{cls.name}-lembar-disposisi.pdf"
        # a note in each letter's chatter
        for letter in (cls.outgoing, cls.incoming):
            letter.message_post(body=Markup("<p>Catatan %s</p>") % cls.body, subtype_xmlid="mail.mt_note")
        cls._own_files()

        field_file = cls.env["ir.attachment"].search  # field attachments are found by res_field only
        pdf = field_file([("res_model", "=", "eoffice.letter"), ("res_id", "=", cls.outgoing.id),
                          ("res_field", "=", "pdf_file")])
        scan_file = field_file([("res_model", "=", "eoffice.letter"), ("res_id", "=", cls.incoming.id),
                                ("res_field", "=", "scan_pdf")])
        cls.secrets = [cls._secret(*row) for row in (
            ("signed PDF", pdf, cls.outgoing, "pdf_file"),
            ("enclosure", enclosure, cls.outgoing, None),
            ("scanned PDF", scan_file, cls.incoming, "scan_pdf"),
            ("scanned page", page, cls.incoming, None),
            ("lembar disposisi", sheet, cls.incoming, None),
        )]
        assert all(s.attachment.res_model == "eoffice.letter" for s in cls.secrets), [
            (s.key, s.attachment.res_model) for s in cls.secrets]
        cls.markers = [cls.subject.encode(), cls.body.encode(), cls.name.encode()] + [
            marker for s in cls.secrets for marker in (s.raw, s.b64)]
        cls.last_message_id = cls.env["mail.message"].search([], order="id desc", limit=1).id

    @classmethod
    def _as(cls, user, records):
        return records.with_user(user).with_context(allowed_company_ids=user.company_ids.ids)

    @classmethod
    def _own_files(cls):
        # employees upload their own; portal and anonymous visitors see public files only
        public = cls.env["ir.attachment"].create({"name": "pengumuman.txt", "raw": b"milik saya", "public": True})
        cls.own_files.setdefault(None, []).append(public.id)
        for user in cls.users.values():
            if user and user._is_internal():
                own = cls.env["ir.attachment"].with_user(user).create({"name": "catatan-saya.txt",
                                                                      "raw": b"milik saya"})
                cls.own_files.setdefault(user.id, []).append(own.id)
            elif user:
                cls.own_files.setdefault(user.id, []).append(public.id)

    @classmethod
    def _secret(cls, key, attachment, letter, field):
        attachment.ensure_one()
        raw, b64 = slices(attachment.raw)
        return Secret(key, attachment, letter, field, (attachment.mimetype or "").startswith("image/"), raw, b64)

    # ------------------------------------------------------------------ sessions and calls
    def login(self, key):
        user = self.users[key]
        self.authenticate(user.login if user else None, user.login if user else None)
        if key == "colleague":  # in debug mode, where Odoo's access errors name the records refused
            self.session.debug = "1"
            http.root.session_store.save(self.session)
        self.current_user = user.id if user else None

    def call(self, model, method, *args, **kwargs):
        """A call through the web client's JSON-RPC route with the current session: (status, body)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1,
                   "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs}}
        response = self.url_open(f"/web/dataset/call_kw/{model}/{method}", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"}, allow_redirects=False)
        return response.status_code, response.content

    def json_route(self, route, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        response = self.url_open(route, data=json.dumps(payload), headers={"Content-Type": "application/json"},
                                 allow_redirects=False)
        return response.status_code, response.content

    def export(self, kind, letter):
        data = {"model": "eoffice.letter", "ids": [letter.id], "domain": [], "import_compat": False, "context": {},
                "fields": [{"name": name, "label": name} for name in (
                    "name", "body", "signed_body", "pdf_file", "scan_pdf", "attachment_ids/name",
                    "attachment_ids/datas", "scan_page_ids/datas", "ocr_text")]}
        response = self.url_open(f"/web/export/{kind}", data={"data": json.dumps(data),
                                                             "csrf_token": http.Request.csrf_token(self)},
                                 allow_redirects=False)
        return response.status_code, response.content

    @staticmethod
    def unpacked(body):
        """The answer with any zip (xlsx, zipped files) unpacked into it."""
        if body[:2] == b"PK":
            try:
                with zipfile.ZipFile(io.BytesIO(body)) as archive:
                    return body + b"".join(archive.read(name) for name in archive.namelist())
            except zipfile.BadZipFile:
                pass
        return body

    def cases(self):
        """(door, secret) for every door and every file (or letter) it applies to."""
        letters = {s.letter.id: s for s in reversed(self.secrets)}  # the first file of each letter
        for door in DOORS:
            chosen = {
                "all": self.secrets,
                "fields": [s for s in self.secrets if s.field],
                "images": [s for s in self.secrets if s.image],
                "letters": [letters[self.outgoing.id], letters[self.incoming.id]],
            }[door.files]
            for secret in chosen:
                yield door, secret

    # ------------------------------------------------------------------ the tests
    def test_every_door_refuses_everyone_outside_the_circle(self):
        self.assertEqual(len(self.secrets), 5)
        problems, tried = [], 0
        for key in USERS[1:]:
            self.login(key)
            for door, secret in self.cases():
                tried += 1
                with mute_logger(*MUTED):
                    status, body = door.call(self, secret)
                body = self.unpacked(body)
                found = [marker for marker in self.markers if marker in body]
                if found or body.find(self.PRINTED) >= 0:
                    where = " ".join(part.decode() for part in re.findall(rb"\[in [\w.]+\]", body))
                    problems.append(f"{key} × {door.name} × {secret.key}: {status}, leaks {found[:3]} {where}")
                elif door.right == "file" and door.name.startswith("/web/content") and status == 200:
                    problems.append(f"{key} × {door.name} × {secret.key}: answered 200")
        self.assertGreater(tried, 4 * 40)
        if problems:
            self.fail("\n".join([f"{len(problems)} of {tried} doors leak:", *problems]))

    def test_the_circle_gets_through_every_door(self):
        """The same doors open for the Kadis, who is in both letters' circle: the refusals above are real."""
        problems = []
        self.login("circle")
        for door, secret in self.cases():
            if not door.right:
                continue
            with mute_logger(*MUTED):
                status, body = door.call(self, secret)
            body = self.unpacked(body)
            expected = {"file": secret.raw, "b64": secret.b64, "subject": self.subject.encode(),
                        "body": self.body.encode(), "name": self.name.encode(), "printed": self.PRINTED}[door.right]
            if expected not in body:
                problems.append(f"{door.name} × {secret.key}: {status} {body[:300]!r}")
        if problems:
            self.fail("\n".join(["The official of the circle is refused at:", *problems]))

    def test_a_neighbour_file_is_readable_but_is_no_key(self):
        # the guessed-id door above asks for the neighbours of these files: each user gets them
        secret_ids = {s.attachment.id for s in self.secrets}
        for key in USERS[1:]:
            self.login(key)
            own = self.own_files[self.current_user]
            with mute_logger(*MUTED):
                status, body = _get(self, f"/web/content/{own[0]}")
            self.assertEqual((status, body), (200, b"milik saya"), key)
            self.assertTrue(secret_ids & {i for file_id in own for i in range(file_id - 3, file_id + 4)},
                            "the guessed ids miss the secret files")

    def test_a_foreign_file_linked_to_a_draft_is_refused_in_indonesian(self):
        self.login("colleague")
        enclosure = next(s for s in self.secrets if s.key == "enclosure").attachment
        with mute_logger(*MUTED):
            status, body = self.call("eoffice.letter", "write", [self.own_drafts[self.current_user]],
                                     {"attachment_ids": [(4, enclosure.id)]})
        self.assertIn("Anda hanya dapat melampirkan berkas yang dapat Anda buka sendiri", body.decode())
        self.assertFalse(self.env["eoffice.letter"].browse(self.own_drafts[self.current_user]).attachment_ids)

    def test_a_foreign_picture_in_a_body_is_not_printed(self):
        """The PDF renderer inlines a body's pictures as superuser: only the letter's own files are taken."""
        colleague = self.users["colleague"]
        page = next(s for s in self.secrets if s.key == "scanned page").attachment
        draft = self.env["eoffice.letter"].browse(self.own_drafts[colleague.id]).with_user(colleague).with_context(
            allowed_company_ids=colleague.company_ids.ids)
        draft.body = f'<p>Gambar</p><img src="/web/image/{page.id}"><img src="/web/image/{page.id}-x/halaman.png">'
        html = str(draft._render_html(preview=True))
        self.assertIn("Gambar", html)
        self.assertNotIn(base64.b64encode(page.raw).decode()[:40], html)
        self.assertNotIn(f"/web/image/{page.id}", html)

    def test_no_report_action_opens_an_eoffice_record(self):
        """``/report/<converter>/<report_name>/<ids>`` only serves ir.actions.report: e-Office renders its
        documents through methods (tried above), so no report action may point at an e-Office model
        without a review of its access."""
        reports = self.env["ir.actions.report"].search([("model", "=like", "eoffice.%")])
        self.assertFalse(reports, reports.mapped("report_name"))


# ---------------------------------------------------------------------------------------------- bodies
NASTY_BODY = """<p>ISI AMAN <b>tebal</b></p>
<script>alert('skrip')</script>
<img src="x" onerror="alert('gambar')">
<a href="javascript:alert('tautan')">tautan</a>
<a href="  JaVaScRiPt:alert('tautan2')">tautan2</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>
<div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999">tirai</div>
<div style="position: fixed; inset: 0">tirai2</div>
<p style="width: expression(alert('ie'))">ie</p>
<p style="background-image: url(javascript:alert('latar'))">latar</p>
<style>body { display: none }</style>
<iframe src="https://jahat.example/"></iframe>
<object data="https://jahat.example/x.swf"></object>
<embed src="https://jahat.example/x.swf">
<svg onload="alert('svg')"></svg>
<form action="https://jahat.example/"><input name="password"></form>
<base href="https://jahat.example/">
<meta http-equiv="refresh" content="0;url=https://jahat.example/">
<p onmouseover="alert('arah')">arahkan</p>
<link rel="stylesheet" href="https://jahat.example/x.css">"""

DANGEROUS = [re.compile(pattern, re.IGNORECASE) for pattern in (
    r"<script", r"\son[a-z]+\s*=", r"javascript\s*:", r"data:text/html", r"position\s*:\s*fixed", r"expression\s*\(",
    r"<style", r"<iframe", r"<object", r"<embed", r"<form", r"<input", r"<base", r"<meta", r"<link", r"jahat\.example",
    r"z-index", r"alert\(")]


def dangers(html):
    return [pattern.pattern for pattern in DANGEROUS if pattern.search(html or "")]


@tagged("post_install", "-at_install")
class TestBodiesSanitised(HttpCase):
    """A body stored by one user is read by another without anything that runs, overlays or leaves the page."""

    def call(self, model, method, *args, **kwargs):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1,
                   "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs}}
        response = self.url_open(f"/web/dataset/call_kw/{model}/{method}", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"})
        body = response.json()
        self.assertNotIn("error", body, body.get("error"))
        return body["result"]

    def test_every_html_field_sanitises(self):
        """Every HTML field of the e-Office models (from the registry) sanitises tags, attributes and styles,
        and no group may switch it off."""
        problems = []
        for name, model in self.env.registry.items():
            if not name.startswith("eoffice."):
                continue
            for field in model._fields.values():
                if field.type != "html":
                    continue
                for attribute in ("sanitize", "sanitize_tags", "sanitize_attributes", "sanitize_style",
                                  "sanitize_form"):
                    if not getattr(field, attribute):
                        problems.append(f"{name}.{field.name}: {attribute} is off")
                if field.sanitize_overridable:
                    problems.append(f"{name}.{field.name}: sanitize_overridable")
        self.assertFalse(problems)

    def test_a_nasty_body_is_harmless_for_the_next_reader(self):
        ref = self.env.ref
        staff = ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        kasi = ref("eoffice_letters.user_kominfo_kasi_aptika")
        kadis = ref("eoffice_skpd.user_skpd_kominfo_head")
        self.authenticate(staff.login, "demo")
        letter_id = self.call("eoffice.letter", "create", {
            "name": "Surat Uji Sanitasi", "company_id": ref("eoffice_skpd.skpd_kominfo").id,
            "type_id": ref("eoffice_letters.letter_type_sd").id,
            "classification_id": ref("eoffice_letters.archive_classification_000_5").id,
            "signer_position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id, "body": "<p>awal</p>",
            "to_recipient_ids": [(0, 0, {"recipient_type": "external", "external_name": "Penerima Luar"})]})
        # stored through write as well, as the form saves it
        self.call("eoffice.letter", "write", [letter_id], {"body": NASTY_BODY})
        letter = self.env["eoffice.letter"].browse(letter_id)

        self.authenticate(kasi.login, "demo")
        read = self.call("eoffice.letter", "read", [letter_id], ["body"])[0]["body"]
        web_read = self.call("eoffice.letter", "web_read", [letter_id], specification={"body": {}})[0]["body"]
        for label, html in (("read", read), ("web_read", web_read)):
            self.assertIn("ISI AMAN", html, label)
            self.assertEqual(dangers(html), [], f"{label}: {html}")
        # the page the PDF is printed from, as the colleague previews it
        page = letter.with_user(kasi).with_context(allowed_company_ids=kasi.company_ids.ids)._render_html(
            preview=True)
        page = str(page)
        body = page[page.index('<div class="body">'):page.index('<table class="sign">')]
        self.assertIn("ISI AMAN", body)
        self.assertEqual(dangers(body), [], body)

        # signed: the frozen body and the version read by the colleague, the public verification page
        letter.with_user(staff).with_context(allowed_company_ids=staff.company_ids.ids).action_submit()
        while letter.state == "review":
            reviewer = letter.current_review_id.position_id.current_user_ids[:1]
            letter.with_user(reviewer).with_context(allowed_company_ids=reviewer.company_ids.ids).action_approve()
        letter.with_user(kadis).with_context(allowed_company_ids=kadis.company_ids.ids).action_sign()
        self.assertIn(letter.state, ("signed", "sent"))
        signed = self.call("eoffice.letter", "read", [letter_id], ["signed_body"])[0]["signed_body"]
        self.assertIn("ISI AMAN", signed)
        self.assertEqual(dangers(signed), [], signed)
        versions = self.call("eoffice.letter.version", "search_read", [("letter_id", "=", letter_id)], ["body"])
        self.assertTrue(versions)
        for version in versions:
            self.assertEqual(dangers(version["body"]), [], version["body"])
        self.authenticate(None, None)
        response = self.url_open(f"/eoffice/verify/{letter.verification_token}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("ISI AMAN", response.text)  # the page never shows the body
        # the page's own head, upload form and the one script of its file picker aside (it names the chosen
        # file in Indonesian), nothing of the body's tricks
        own = (r"<style", r"<meta", r"<link", r"<form", r"<input", r"<script")
        self.assertEqual([d for d in dangers(response.text) if d not in own], [])
        self.assertEqual(response.text.count("<script"), 1)
        self.assertNotIn("alert(", response.text)
        self.assertNotIn("tirai", response.text)
