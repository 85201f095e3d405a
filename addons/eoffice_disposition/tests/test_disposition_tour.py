import datetime

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDispositionTour(HttpCase):
    def test_dispose_forward_done(self):
        ref = self.env.ref
        kadis_seat = ref("eoffice_skpd.pos_skpd_kominfo_head")
        kasi_seat = ref("eoffice_skpd.pos_skpd_kominfo_aptika_kasi")
        staff_seat = ref("eoffice_skpd.pos_skpd_kominfo_aptika_staff")
        # the Kasi is two levels below the Kepala Dinas: the demo Pemda lets officials skip levels
        ref("base.main_company").disposition_allow_skip = True
        tu = ref("eoffice_skpd.user_skpd_kominfo_tu")
        letter = self.env["eoffice.letter"].with_user(tu).with_company(tu.company_id).create({
            "direction": "incoming", "name": "Surat Uji Tur Disposisi", "sender_name": "Kantor Uji",
            "sender_number": "B-77/UJI/2026", "sender_date": datetime.date.today(),
            "recipient_position_id": kadis_seat.id})
        letter.action_register()

        self.start_tour("/odoo", "eoffice_disposition_tour_dispose", login="kadis.kominfo", timeout=180)
        branch = letter.disposition_branch_ids
        self.assertEqual(branch.position_id, kasi_seat)
        self.assertEqual(branch.state, "unread")
        self.assertTrue(branch.instruction_ids)

        self.start_tour("/odoo", "eoffice_disposition_tour_forward", login="kasi.kominfo", timeout=180)
        self.assertEqual(branch.state, "forwarded")
        child = branch.child_ids.branch_ids
        self.assertEqual(child.position_id, staff_seat)

        self.start_tour("/odoo", "eoffice_disposition_tour_done", login="staf.kominfo", timeout=180)
        self.assertEqual(child.state, "done")
        self.assertEqual(child.report, "Data jaringan sudah dihimpun dan dikirim.")
        self.assertTrue(branch.is_done)
        self.assertEqual(letter.disposition_state, "done")
