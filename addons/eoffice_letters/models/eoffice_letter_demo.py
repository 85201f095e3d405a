"""Demo data: letters at every stage, made by the demo users through the real workflow
(called from demo/eoffice_letters_demo.xml); no business code here."""
from odoo import api, fields, models


class EofficeLetterDemo(models.Model):
    """The demo builder of eoffice.letter."""

    _inherit = "eoffice.letter"

    @api.model
    def _demo_letters(self):
        """Demo data: letters at every stage, made through the real workflow by the demo users."""
        ref = self.env.ref
        staff = ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        kasi = ref("eoffice_letters.user_kominfo_kasi_aptika")
        kadis = ref("eoffice_skpd.user_skpd_kominfo_head")
        tu = ref("eoffice_skpd.user_skpd_kominfo_tu")
        kominfo = ref("eoffice_skpd.skpd_kominfo")

        def as_user(user, records):
            return records.with_user(user).with_context(allowed_company_ids=user.company_ids.ids)

        Letter = as_user(staff, self)
        common = {"company_id": kominfo.id, "type_id": ref("eoffice_letters.letter_type_sd").id,
                  "signer_position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id}
        sent = Letter.create(dict(common,
            name="Undangan Rapat Koordinasi Satu Data Indonesia Tingkat Kabupaten",
            classification_id=ref("eoffice_letters.archive_classification_000_5").id,
            body="<p>Dalam rangka penyelenggaraan Satu Data Indonesia di Kabupaten Contoh, dengan hormat kami "
                 "mengundang {{penerima}} untuk hadir pada rapat koordinasi yang akan dilaksanakan pada:</p>"
                 "<p>hari/tanggal: Kamis, 26 November 2026<br/>pukul: 09.00 WIB s.d. selesai<br/>"
                 "tempat: Ruang Rapat Diskominfo, Jl. Pemuda No. 12</p>"
                 "<p>Mengingat pentingnya acara tersebut, dimohon kehadiran tepat pada waktunya. "
                 "Atas perhatian dan kerja samanya, kami ucapkan terima kasih.</p>",
            to_recipient_ids=[(0, 0, {"recipient_type": "position",
                                      "position_id": ref("eoffice_skpd.pos_skpd_dinkes_head").id}),
                              (0, 0, {"recipient_type": "skpd",
                                      "target_company_id": ref("eoffice_skpd.skpd_bappeda").id})],
            cc_recipient_ids=[(0, 0, {"recipient_type": "external",
                                      "external_name": "Bupati Contoh (sebagai laporan)"})],
        ))
        sent.action_submit()
        as_user(kasi, sent).action_approve()
        as_user(kadis, sent).action_sign()
        as_user(tu, sent).action_send()
        in_review = Letter.create(dict(common,
            name="Permohonan Data Jaringan Internet Kantor Kecamatan",
            classification_id=ref("eoffice_letters.archive_classification_500_12").id,
            body="<p>Sehubungan dengan pemetaan jaringan internet kantor pemerintahan, kami mohon {{penerima}} "
                 "menyampaikan data jaringan internet di wilayah kerja Saudara.</p>",
            to_recipient_ids=[(0, 0, {"recipient_type": "skpd",
                                      "target_company_id": ref("eoffice_skpd.skpd_kec_kota").id})],
        ))
        in_review.action_submit()
        incoming = as_user(tu, self).create({
            "direction": "incoming", "company_id": kominfo.id,
            "name": "Permohonan Narasumber Literasi Digital",
            "sender_name": "Kepala Kantor Wilayah Kementerian Agama Kabupaten Contoh",
            "sender_number": "B-1123/Kk.11.25/HM.01/11/2026",
            # the clerk's today, as registering uses it (the superuser's time zone may be a day ahead)
            "sender_date": fields.Date.context_today(as_user(tu, self)), "urgency": "segera",
            "recipient_position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id,
        })
        incoming.action_register()
