from odoo.addons.eoffice_exchange import envelope
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestExchangeTour(HttpCase):
    def test_the_administrator_trusts_a_peer_in_the_web_client(self):
        admin = new_test_user(self.env, login="t_exchange_tour_admin", lang="id_ID",
                              groups="base.group_user,eoffice_skpd.group_pemda_admin")
        peer = self.env["eoffice.exchange.peer"].with_user(admin).create({
            "name": "Pemerintah Provinsi Tur", "code": "pemprov-tur", "url": "http://127.0.0.1:9",
            "certificate_pem": envelope.throwaway_authority("Provinsi Tur")[0]})
        self.assertEqual(peer.state, "new")
        self.start_tour("/odoo/action-eoffice_exchange.eoffice_exchange_peer_action",
                        "eoffice_exchange_tour_trust_peer", login=admin.login, timeout=120)
        self.assertEqual((peer.state, peer.trusted_by_id), ("trusted", admin))
