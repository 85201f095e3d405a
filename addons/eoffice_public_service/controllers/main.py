"""The public door: the list of online services, a service's form, the tracking page with the signed
answer and the satisfaction survey, and the budget transparency page. No login; plain HTML forms
that work without JavaScript on a phone; every lookup by an unguessable code."""
import base64
import datetime
import json
import os
import re

from psycopg2 import IntegrityError

from odoo import fields, http
from odoo.addons.eoffice_letters.utils import format_date_id
from odoo.http import request

from ..models.eoffice_public_survey import ELEMENTS

CODE_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
SERVICE_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
PHONE_RE = re.compile(r"^\+?[0-9 ()-]{8,20}$")
HTML_RE = re.compile(r"<\s*[A-Za-z!/?]|&#|javascript:", re.IGNORECASE)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# province codes of the NIK (Kemendagri): Sumatra, Java, Bali-Nusa Tenggara, Kalimantan, Sulawesi,
# Maluku, Papua (the provinces of 2022 included)
PROVINCES = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
             71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97}
MAGIC = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
DEFAULTS = {"max_files": 5, "max_file_mb": 5, "rate_limit": 5, "rate_window_minutes": 60}
HONEYPOT = "situs_web"


def nik_is_valid(nik):
    """16 digits: province code, regency, district, birth date (day + 40 for women), month, year,
    then a serial that is never 0000."""
    if not re.fullmatch(r"\d{16}", nik or ""):
        return False
    if int(nik[:2]) not in PROVINCES or nik[2:4] == "00" or nik[4:6] == "00":
        return False
    day, month = int(nik[6:8]), int(nik[8:10])
    day = day - 40 if day > 40 else day
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return False
    return nik[12:] != "0000"


def sniff(data):
    """(mimetype, extension) of a PDF, PNG or JPEG by its first bytes, or None."""
    for magic, mimetype, extension in MAGIC:
        if data.startswith(magic):
            return mimetype, extension
    return None



# a page of a scanned letter at 300 dpi is under 9 million pixels; a small file that decodes to a huge
# image (a "decompression bomb") would take the worker's memory when the filing converts it
MAX_PIXELS = 40_000_000


def _readable(data, mimetype):
    """Whether an image decodes within MAX_PIXELS, or a PDF opens: checked before anything is stored or
    converted."""
    import io

    if mimetype == "application/pdf":
        from odoo.tools.pdf import PdfFileReader
        try:
            PdfFileReader(io.BytesIO(data), strict=False).getNumPages()
        except Exception:  # noqa: BLE001 - any parser error means an unreadable file
            return False
        return True
    from PIL import Image
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                return False
            image.verify()
    except Exception:  # noqa: BLE001 - truncated, corrupt or a decompression bomb
        return False
    return True

class EofficePublicService(http.Controller):
    # ------------------------------------------------------------------ helpers
    def _env(self):
        """The public pages speak Indonesian, whatever the browser asks for."""
        lang = "id_ID" if request.env["res.lang"]._get_data(code="id_ID") else request.env.lang
        return request.env(context=dict(request.env.context, lang=lang))

    def _wants_json(self):
        return request.httprequest.args.get("format") == "json" or \
            "application/json" in request.httprequest.headers.get("Accept", "")

    @staticmethod
    def _headers(content_type, cache=False):
        return [("Content-Type", content_type), ("Cache-Control", "no-store" if not cache else "max-age=0"),
                ("X-Robots-Tag", "noindex"), ("Referrer-Policy", "no-referrer"),
                ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "SAMEORIGIN")]

    def _json(self, data, status=200):
        return request.make_response(json.dumps(data), status=status, headers=self._headers("application/json"))

    def _page(self, template, values, status=200):
        env = self._env()
        values = dict(values, pemda=env["res.company"].sudo()._eoffice_pemda_name(), fmt_date=self._fmt_date)
        html = env["ir.qweb"]._render(f"eoffice_public_service.{template}", values)
        return request.make_response(html, status=status, headers=self._headers("text/html; charset=utf-8"))

    @staticmethod
    def _fmt_date(value):
        if not value:
            return ""
        if isinstance(value, str):
            value = fields.Date.to_date(value)
        return format_date_id(value)

    def _not_found(self, kind="request"):
        env = self._env()
        if self._wants_json():
            return self._json({"status": "unknown"}, status=404)
        message = env._("No request with this tracking code is known here. Check that the code was typed or "
                        "copied without a mistake.") if kind == "request" else \
            env._("This service does not exist or is not open to online requests.")
        return self._page("page_not_found", {"title": env._("Not found"), "message": message}, status=404)

    def _params(self):
        params = request.env["ir.config_parameter"].sudo()
        return {key: int(params.get_param(f"eoffice_public_service.{key}", default) or default)
                for key, default in DEFAULTS.items()}

    def _client_address(self):
        """The client address as the login throttle counts it (behind the proxy, the forwarded one; an
        IPv6 address as its /64)."""
        return request.env["eoffice.login.attempt"].sudo()._keys("", request.httprequest.remote_addr,
                                                                 known_login=True)[1]

    def _service(self, code):
        if not SERVICE_CODE_RE.match(code or ""):
            return request.env["eoffice.public.service"].sudo().browse()
        Service = request.env["eoffice.public.service"].sudo().with_context(lang=self._env().lang)
        return Service.search([("code", "=", code)] + Service._public_domain(), limit=1)

    # ------------------------------------------------------------------ the services
    @http.route("/layanan", type="http", auth="public", methods=["GET"], sitemap=False, readonly=True)
    def services(self, **kwargs):
        env = self._env()
        Service = env["eoffice.public.service"].sudo()
        services = Service.search(Service._public_domain())
        if self._wants_json():
            return self._json([{"code": s.code, "name": s.name, "skpd": s.company_id.name,
                                "service_days": s.service_days, "url": f"/layanan/{s.code}"} for s in services])
        groups = {}
        for service in services:
            groups.setdefault(service.company_id.name, []).append(service)
        return self._page("services_page", {"title": env._("Online public services"), "groups": groups})

    @http.route("/layanan/<string:code>", type="http", auth="public", methods=["GET"], sitemap=False,
                readonly=True)
    def service_form(self, code, **kwargs):
        service = self._service(code)
        if not service:
            return self._not_found("service")
        if self._wants_json():
            return self._json({"code": service.code, "name": service.name, "skpd": service.company_id.name,
                               "description": service.description, "requirements": service.requirements,
                               "required_attachments": service.required_attachments,
                               "service_days": service.service_days})
        return self._form(service, {}, {})

    def _form(self, service, values, errors, status=200):
        env = self._env()
        limits = self._params()
        return self._page("service_form_page", {
            "title": service.name, "service": service, "values": values, "errors": errors, "limits": limits,
            "honeypot": HONEYPOT, "csrf_token": request.csrf_token(),
            "lines": lambda text: [line.strip() for line in (text or "").splitlines() if line.strip()],
            "error_summary": env._("The request was not sent: correct the fields marked below.") if errors else "",
        }, status=status)

    def _validate(self, env, service, post, files, limits):
        """(cleaned values, accepted files, {field: Indonesian message}); nothing is stored here."""
        values = {key: (post.get(key) or "").strip() for key in ("nama", "nik", "email", "telepon", "hal", "isi")}
        values["nik"] = re.sub(r"\s", "", values["nik"])
        errors = {}
        for key, label, low, high in (("nama", env._("Name"), 3, 100), ("hal", env._("Subject"), 5, 200),
                                      ("isi", env._("Message"), 10, 5000)):
            value = values[key]
            if not value:
                errors[key] = env._("%(field)s is required.", field=label)
            elif len(value) < low or len(value) > high:
                errors[key] = env._("%(field)s must be %(low)s to %(high)s characters long.", field=label, low=low,
                                    high=high)
            elif HTML_RE.search(value) or CONTROL_RE.search(value):
                errors[key] = env._("%(field)s may not contain HTML code, scripts or control characters.",
                                    field=label)
        if not values["nik"]:
            errors["nik"] = env._("The NIK is required.")
        elif not re.fullmatch(r"\d{16}", values["nik"]):
            errors["nik"] = env._("The NIK is 16 digits, as printed on the KTP.")
        elif not nik_is_valid(values["nik"]):
            errors["nik"] = env._("This NIK is not valid: check the province code and the date of birth in it.")
        if not values["email"] and not values["telepon"]:
            errors["email"] = env._("Give an e-mail address or a phone number, so that we can reach you.")
        if values["email"] and (len(values["email"]) > 120 or not EMAIL_RE.match(values["email"])):
            errors["email"] = env._("This e-mail address is not valid.")
        if values["telepon"] and (not PHONE_RE.match(values["telepon"])
                                  or not 8 <= len(re.sub(r"\D", "", values["telepon"])) <= 15):
            errors["telepon"] = env._("This phone number is not valid: 8 to 15 digits, e.g. 081234567890.")
        accepted = []
        max_bytes = limits["max_file_mb"] * 1024 * 1024
        uploads = [upload for upload in files if upload and (upload.filename or "").strip()]
        if len(uploads) > limits["max_files"]:
            errors["lampiran"] = env._("At most %(count)s files can be attached.", count=limits["max_files"])
        else:
            for upload in uploads:
                data = upload.read(max_bytes + 1)
                name = os.path.basename((upload.filename or "").replace("\\", "/")).strip()[:100]
                kind = sniff(data)
                if len(data) > max_bytes:
                    errors["lampiran"] = env._("%(file)s is larger than %(size)s MB.", file=name,
                                               size=limits["max_file_mb"])
                    break
                if not data:
                    errors["lampiran"] = env._("%(file)s is empty.", file=name)
                    break
                if not kind:
                    errors["lampiran"] = env._("%(file)s is not a PDF, JPG or PNG file.", file=name)
                    break
                mimetype, extension = kind
                if not _readable(data, mimetype):
                    errors["lampiran"] = env._("%(file)s cannot be read, or its pages are too large (at most "
                                               "%(pixels)s million pixels a page).", file=name,
                                               pixels=MAX_PIXELS // 1_000_000)
                    break
                stem = re.sub(r"[^A-Za-z0-9._ -]", "_", os.path.splitext(name)[0])[:80] or "lampiran"
                accepted.append((stem + extension, mimetype, data))
        if "lampiran" not in errors and len(accepted) < (service.min_attachments or 0):
            errors["lampiran"] = env._("This service needs at least %(count)s attached file(s): see the "
                                       "required attachments above.", count=service.min_attachments)
        clean = {"name": values["nama"], "nik": values["nik"], "email": values["email"],
                 "phone": values["telepon"], "subject": values["hal"], "message": values["isi"]}
        return values, clean, accepted, errors

    def _over_rate_limit(self, address, limits):
        """Requests filed from this address within the window, counted in the database (every worker
        sees the same count); the address is locked for the transaction so that a burst is counted
        one request after the other."""
        cr = request.env.cr
        cr.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"eoffice_public_service:{address}"])
        since = fields.Datetime.now() - datetime.timedelta(minutes=limits["rate_window_minutes"])
        cr.execute("SELECT count(*) FROM eoffice_public_request WHERE remote_addr = %s AND create_date > %s",
                   [address, since])
        return cr.fetchone()[0] >= limits["rate_limit"]

    @http.route("/layanan/<string:code>", type="http", auth="public", methods=["POST"], sitemap=False)
    def service_submit(self, code, **post):
        env = self._env()
        service = self._service(code)
        if not service:
            return self._not_found("service")
        wants_json = "application/json" in request.httprequest.headers.get("Accept", "")
        limits = self._params()
        if post.get(HONEYPOT):
            message = env._("The request could not be accepted.")
            if wants_json:
                return self._json({"errors": {"form": message}}, status=400)
            return self._form(service, {}, {"form": message}, status=400)
        values, clean, files, errors = self._validate(env, service, post,
                                                       request.httprequest.files.getlist("lampiran"), limits)
        address = self._client_address()
        if not errors and self._over_rate_limit(address, limits):
            errors["form"] = env._("Too many requests were sent from your connection. Please try again in an "
                                   "hour.")
            status = 429
        else:
            status = 400
        if errors:
            if wants_json:
                return self._json({"errors": errors}, status=status)
            return self._form(service, values, errors, status=status)
        partner = request.env.user.partner_id if not request.env.user._is_public() else None
        req, tracking_code = request.env["eoffice.public.request"].with_context(lang=env.lang)._submit_public(
            service, clean, files, remote_addr=address, partner=partner)
        if wants_json:
            return self._json({"tracking_code": tracking_code, "reference": req.name,
                               "tracking_url": f"/layanan/lacak/{tracking_code}",
                               "deadline": req.deadline.isoformat()}, status=201)
        return request.redirect(f"/layanan/lacak/{tracking_code}?baru=1", code=303, local=True)

    # ------------------------------------------------------------------ tracking
    def _request(self, tracking_code):
        if not CODE_RE.match(tracking_code or ""):
            return request.env["eoffice.public.request"].sudo().browse()
        return request.env["eoffice.public.request"]._find_by_code(tracking_code)

    def _facts(self, req, tracking_code):
        facts = req._tracking_facts()
        if facts["reply_number"]:
            facts["reply_pdf_url"] = f"/layanan/lacak/{tracking_code}/balasan"
        return facts

    @http.route("/layanan/lacak", type="http", auth="public", methods=["GET"], sitemap=False, readonly=True)
    def track_form(self, kode=None, **kwargs):
        """The tracking form of the services page (no JavaScript): to the request's page."""
        kode = (kode or "").strip()
        if not CODE_RE.match(kode):
            return self._not_found()
        return request.redirect(f"/layanan/lacak/{kode}", code=303, local=True)

    @http.route("/layanan/lacak/<string:tracking_code>", type="http", auth="public", methods=["GET"],
                sitemap=False, readonly=True)
    def track(self, tracking_code, **kwargs):
        req = self._request(tracking_code)
        if not req:
            return self._not_found()
        env = self._env()
        facts = self._facts(req.with_context(lang=env.lang), tracking_code)
        if self._wants_json():
            return self._json(facts)
        return self._track_page(env, facts, tracking_code, new=bool(kwargs.get("baru")))

    def _track_page(self, env, facts, tracking_code, new=False, survey_errors=None, survey_message=None,
                    status=200):
        labels = dict(env["eoffice.public.request"]._fields["state"]._description_selection(env))
        return self._page("track_page", {
            "title": env._("Request tracking"), "facts": facts, "code": tracking_code, "new": new,
            "status_label": labels.get(facts["status"]), "csrf_token": request.csrf_token(),
            "elements": [(name, env["eoffice.public.survey"]._fields[name].get_description(env)["string"])
                         for name, _label in ELEMENTS],
            "survey_errors": survey_errors or {}, "survey_message": survey_message,
        }, status=status)

    @http.route("/layanan/lacak/<string:tracking_code>/balasan", type="http", auth="public", methods=["GET"],
                sitemap=False, readonly=True)
    def reply_pdf(self, tracking_code, **kwargs):
        """The signed answer letter of a completed request: the same bytes as the verification page
        checks (its QR opens that page)."""
        req = self._request(tracking_code)
        facts = req and req._tracking_facts()
        if not req or not facts["reply_number"]:
            return self._not_found()
        letter = req.answer_letter_id.sudo()
        content = base64.b64decode(letter.pdf_file)
        filename = re.sub(r"[^A-Za-z0-9._-]", "_", letter.pdf_filename or "surat-balasan.pdf")
        return request.make_response(content, headers=[
            ("Content-Type", "application/pdf"), ("Content-Disposition", f'attachment; filename="{filename}"'),
            ("Cache-Control", "no-store"), ("X-Robots-Tag", "noindex"), ("Referrer-Policy", "no-referrer"),
            ("X-Content-Type-Options", "nosniff")])

    @http.route("/layanan/lacak/<string:tracking_code>/survei", type="http", auth="public", methods=["POST"],
                sitemap=False)
    def survey(self, tracking_code, **post):
        req = self._request(tracking_code)
        if not req:
            return self._not_found()
        env = self._env()
        wants_json = "application/json" in request.httprequest.headers.get("Accept", "")
        errors, scores = {}, {}
        if req.state != "selesai" or req.survey_ids:
            message = env._("The survey of this request has been answered already.") if req.survey_ids else \
                env._("The survey opens when the request is completed.")
            if wants_json:
                return self._json({"errors": {"form": message}}, status=409)
            return self._track_page(env, self._facts(req.with_context(lang=env.lang), tracking_code), tracking_code,
                                    survey_errors={"form": message}, status=409)
        for name, _label in ELEMENTS:
            value = (post.get(name) or "").strip()
            if value not in ("1", "2", "3", "4"):
                errors[name] = env._("Choose a score from 1 to 4.")
            else:
                scores[name] = int(value)
        suggestion = (post.get("saran") or "").strip()
        if len(suggestion) > 1000:
            errors["saran"] = env._("The suggestion may be at most 1000 characters long.")
        elif HTML_RE.search(suggestion) or CONTROL_RE.search(suggestion):
            errors["saran"] = env._("The suggestion may not contain HTML code, scripts or control characters.")
        if not errors:
            try:
                with request.env.cr.savepoint():
                    request.env["eoffice.public.survey"].sudo().create(
                        dict(scores, request_id=req.id, suggestion=suggestion or False))
            except IntegrityError:
                errors["form"] = env._("The survey of this request has been answered already.")
        if errors:
            if wants_json:
                return self._json({"errors": errors}, status=400 if "form" not in errors else 409)
            return self._track_page(env, self._facts(req.with_context(lang=env.lang), tracking_code), tracking_code,
                                    survey_errors=errors, status=400 if "form" not in errors else 409)
        if wants_json:
            return self._json({"status": "ok"}, status=201)
        req.invalidate_recordset()
        return self._track_page(env, self._facts(req.with_context(lang=env.lang), tracking_code), tracking_code,
                                survey_message=env._("Thank you: your answers were recorded."))

    # ------------------------------------------------------------------ transparency
    @http.route("/transparansi", type="http", auth="public", methods=["GET"], sitemap=False, readonly=True)
    def transparency(self, **kwargs):
        env = self._env()
        rows = env["eoffice.budget.plan"]._eoffice_transparency_rows()
        if self._wants_json():
            return self._json(rows)
        years = {}
        for row in rows:
            years.setdefault(row["year"], []).append(row)
        return self._page("transparency_page", {"title": env._("Budget transparency"), "years": years,
                                                "fmt_money": lambda v: "Rp " + f"{v:,.0f}".replace(",", ".")})
