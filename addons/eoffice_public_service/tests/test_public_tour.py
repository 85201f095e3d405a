import base64

from odoo.tests import tagged

from .common import PublicServiceCase, pdf_bytes

# Runs in the real headless Chromium at a phone's size: the public form is a plain HTML form (no
# JavaScript of ours), so the browser drives it through a same-origin frame as a citizen would:
# empty submission, messages next to the fields, corrected submission with a PDF, tracking page.
PHONE_JOURNEY = """
(async () => {
    const check = (condition, message) => { if (!condition) { throw new Error(message); } };
    const frame = document.createElement("iframe");
    frame.style = "width: 390px; height: 844px; border: 0; position: absolute; top: 0; left: 0;";
    const loaded = () => new Promise((resolve) => frame.addEventListener("load", resolve, {once: true}));
    const waiting = loaded();
    frame.src = "/layanan/data-uji";
    document.body.appendChild(frame);
    await waiting;
    let doc = frame.contentDocument;
    const fits = () => doc.documentElement.scrollWidth <= 390;
    check(fits(), "the form is wider than the phone: " + doc.documentElement.scrollWidth);
    const button = doc.querySelector("#kirim");
    check(button.getBoundingClientRect().height >= 40, "the send button is too small to tap");
    check(doc.querySelector("#nik").getBoundingClientRect().width >= 300, "the NIK field is too narrow");
    // sent empty: a message next to each field, nothing else happens
    let next = loaded();
    button.click();
    await next;
    doc = frame.contentDocument;
    for (const field of ["nama", "nik", "email", "hal", "isi"]) {
        check(doc.querySelector("#error-" + field), "no message next to " + field);
    }
    check(fits(), "the form with its messages is wider than the phone");
    // corrected, with a PDF
    doc.querySelector("#nama").value = "Budi Santoso";
    doc.querySelector("#nik").value = "3374011708900002";
    doc.querySelector("#email").value = "budi.santoso@example.com";
    doc.querySelector("#hal").value = "Permohonan data sekolah";
    doc.querySelector("#isi").value = "Mohon daftar sekolah dasar negeri per kecamatan untuk tugas kuliah.";
    const transfer = new DataTransfer();
    const pdf = Uint8Array.from(atob("__PDF_BASE64__"), (c) => c.charCodeAt(0));
    transfer.items.add(new File([pdf], "ktp.pdf", {type: "application/pdf"}));
    doc.querySelector("#lampiran").files = transfer.files;
    next = loaded();
    doc.querySelector("#kirim").click();
    await next;
    doc = frame.contentDocument;
    check(frame.contentWindow.location.pathname.startsWith("/layanan/lacak/"),
          "not on the tracking page: " + frame.contentWindow.location.pathname + " " +
          doc.body.innerText.slice(0, 400));
    const code = doc.querySelector("#tracking-code");
    check(code && code.textContent.trim().length >= 22, "no tracking code shown");
    check(doc.querySelector("#status.diterima"), "the status is not shown as received");
    check(fits(), "the tracking page is wider than the phone");
    console.log("test successful");
})().catch((error) => console.error("phone journey failed: " + error.message));
"""


@tagged("post_install", "-at_install")
class TestPublicTour(PublicServiceCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_phone_form_journey(self):
        # a real PDF (the form opens every PDF before accepting it)
        journey = PHONE_JOURNEY.replace("__PDF_BASE64__", base64.b64encode(pdf_bytes()).decode())
        self.browser_js("/layanan", journey, ready="document.readyState === 'complete'", timeout=120)
        request = self.Request.search([("subject", "=", "Permohonan data sekolah")])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.citizen_name, "Budi Santoso")
        self.assertEqual(request.letter_id.state, "received")
        self.assertEqual(len(request.letter_id.scan_page_ids), 1)
