from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import EofficeLettersCase


@tagged("post_install", "-at_install")
class TestConfidential(EofficeLettersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the recipient's superior: a Sekda seat of the Pemda held by the executive
        cls.sekda_seat = cls.env["eoffice.position"].create({
            "name": "Sekretaris Daerah Uji", "company_id": cls.pemda.id, "level": "eselon_1",
            "employee_id": cls.env["hr.employee"].create({"name": "Sekda Uji", "company_id": cls.pemda.id,
                                                          "user_id": cls.executive.id}).id})
        cls.head_b.parent_id = cls.sekda_seat
        cls.other_staff_a = new_test_user(cls.env, login="t_other_staff_a",
                                          groups="base.group_user,eoffice_skpd.group_staff",
                                          company_id=cls.skpd_a.id, company_ids=[(6, 0, cls.skpd_a.ids)])

    def assert_readable(self, letter, users):
        for user in users:
            self.assertEqual(self.as_user(user, letter).read(["name"])[0]["name"], letter.name, user.login)

    def assert_refused(self, letter, users):
        for user in users:
            with self.assertRaises(AccessError, msg=user.login):
                self.as_user(user, letter).read(["name"])
            found = self.as_user(user, self.env["eoffice.letter"]).search([("id", "=", letter.id)])
            self.assertFalse(found, user.login)

    def test_secret_letter_only_for_its_circle(self):
        letter = self.make_letter(sifat="rahasia", name="Rencana Mutasi Pejabat")
        self.sign(letter)
        self.as_user(self.users_a["staff"], letter).action_send()
        copy = letter.recipient_ids.incoming_letter_id
        self.assertTrue(letter.is_confidential and copy.is_confidential)
        circle = [self.users_a["staff"], self.kabid_user, self.users_a["official"], self.head_b_user,
                  self.executive]
        self.assert_readable(letter, [u for u in circle if u != self.head_b_user])
        self.assert_readable(copy, [self.head_b_user, self.executive])
        outsiders = [self.users_a["skpd_admin"], self.users_a["agendaris"], self.other_staff_a, self.auditor,
                     self.admin_b, self.env.ref("base.user_admin")]
        self.assert_refused(letter, outsiders)
        self.assert_refused(copy, outsiders)
        # its versions (the body as drafted) follow the letter
        versions = self.as_user(self.users_a["skpd_admin"], self.env["eoffice.letter.version"]).search(
            [("letter_id", "=", letter.id)])
        self.assertFalse(versions)

    def test_ordinary_letters_follow_the_skpd_rules(self):
        letter = self.make_letter(sifat="biasa")
        self.assert_readable(letter, [self.users_a["skpd_admin"], self.other_staff_a, self.auditor])
        self.assert_refused(letter, [self.admin_b, self.head_b_user])

    def test_auditor_cannot_write(self):
        letter = self.make_letter()
        with self.assertRaises(AccessError):
            self.as_user(self.auditor, letter).write({"name": "Diubah auditor"})

    def test_configuration_is_for_administrators(self):
        Route = self.env["eoffice.letter.route"]
        with self.assertRaises(AccessError):
            self.as_user(self.users_a["staff"], Route).create({"name": "Rute staf", "company_id": self.skpd_a.id})
        route = self.as_user(self.users_a["skpd_admin"], Route).create({"name": "Rute admin",
                                                                         "company_id": self.skpd_a.id})
        self.assertTrue(route)
        with self.assertRaises(AccessError):
            self.as_user(self.admin_b, Route).browse(route.id).write({"name": "Rute SKPD lain"})
        counter = self.env["eoffice.letter.sequence"].create({"company_id": self.skpd_a.id, "scope_key": "uji"})
        with self.assertRaises(AccessError):
            self.as_user(self.users_a["skpd_admin"], counter).write({"last_number": 0})
        with self.assertRaises(AccessError):
            self.as_user(self.users_a["staff"], self.env["eoffice.letter.type"]).create(
                {"name": "Jenis baru", "code": "JB", "category": "khusus"})

    def test_rules_of_a_large_read_are_checked_in_sql_with_the_same_outcome(self):
        """From eight records on, the read rules of ``read()`` are checked by one query
        (eoffice.rule.sql.mixin): a Rahasia letter outside the reader's circle, or another SKPD's
        letter, hidden among readable ones still makes the read refused, and the readable ones are
        read without evaluating the rules in Python."""
        ordinary = self.env["eoffice.letter"].browse()
        for i in range(9):
            ordinary |= self.make_letter(name=f"Surat Biasa Uji {i}")
        secret = self.make_letter(sifat="rahasia", name="Rencana Mutasi Rahasia", user=self.kabid_user)
        other_skpd = self.make_letter(user=self.head_b_user, signer_position_id=self.head_b.id,
                                      to_recipient_ids=[], name="Surat SKPD B")
        reader = self.other_staff_a
        Letter = self.env.registry["eoffice.letter"]
        python_checks = []
        original = type(self.env["eoffice.letter"]).filtered_domain

        def spy(records, domain):
            if records._name == "eoffice.letter":
                python_checks.append(len(records))
            return original(records, domain)

        # read() checks the rules itself only for values already in the cache (as after the
        # search_fetch of a list page); otherwise its query carries the rules
        with patch.object(Letter, "filtered_domain", spy):
            (ordinary | secret | other_skpd).mapped("name")
            names = [row["name"] for row in self.as_user(reader, ordinary).read(["name"])]
            self.assertEqual(sorted(names), sorted(ordinary.mapped("name")))
            self.assertFalse(python_checks, "nine readable letters were checked in Python")
            for hidden in (secret, other_skpd):
                with self.assertRaises(AccessError, msg=hidden.name):
                    self.as_user(reader, ordinary | hidden).read(["name"])
            # a letter made Rahasia earlier in the same transaction (not yet written to the database) is
            # refused too: the check's query flushes what the rules read
            ordinary[0].sudo().sifat = "rahasia"
            with self.assertRaises(AccessError):
                self.as_user(reader, ordinary).read(["name"])
