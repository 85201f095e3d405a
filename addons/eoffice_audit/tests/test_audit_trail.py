"""The Inspektorat's audit trail: sensitive changes are recorded with who, when, before and after,
auditors read them, and nobody changes or deletes them."""

import datetime

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

AUDITED = ("eoffice.position", "eoffice.position.acting", "res.users", "res.groups", "res.company",
           "eoffice.signing.certificate", "eoffice.archive.classification", "eoffice.budget.price.item",
           "eoffice.budget.price.component", "eoffice.budget.plan.line", "eoffice.budget.realization")
TRAIL = ("auditlog.log", "auditlog.log.line", "auditlog.http.request", "auditlog.http.session")


@tagged("post_install", "-at_install")
class TestAuditTrail(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        everything = cls.env["res.company"].search([])
        cls.pemda_admin = new_test_user(cls.env, login="audit_pemda_admin", lang="id_ID",
                                        groups="base.group_user,eoffice_skpd.group_pemda_admin",
                                        company_id=ref("eoffice_skpd.skpd_kominfo").id,
                                        company_ids=[Command.set(everything.ids)])
        cls.auditor = new_test_user(cls.env, login="audit_auditor", lang="id_ID",
                                    groups="base.group_user,eoffice_skpd.group_auditor",
                                    company_id=ref("eoffice_skpd.skpd_inspektorat").id,
                                    company_ids=[Command.set(everything.ids)])
        cls.admin = ref("base.user_admin")
        cls.acting = ref("eoffice_skpd.acting_kominfo_kemitraan")
        cls.position = ref("eoffice_skpd.pos_skpd_kominfo_head")

    def as_user(self, user, records):
        return records.with_user(user).with_context(allowed_company_ids=user.company_ids.ids)

    def trail(self, records, method="write"):
        """The entries of ``records`` as the auditor reads them, newest first."""
        return self.as_user(self.auditor, self.env["auditlog.log"]).search([
            ("model_model", "=", records._name), ("res_id", "in", records.ids), ("method", "=", method)])

    def changes(self, entry):
        return {line.field_name: (line.old_value_text, line.new_value_text) for line in entry.line_ids}

    # ------------------------------------------------------------------ what is recorded
    def test_every_sensitive_model_is_audited(self):
        rules = self.env["auditlog.rule"].search([("state", "=", "subscribed")])
        self.assertEqual(set(AUDITED) - set(rules.mapped("model_id.model")), set())
        for rule in rules.filtered(lambda r: r.model_id.model in AUDITED):
            with self.subTest(model=rule.model_id.model):
                self.assertEqual(rule.log_type, "full")
                self.assertTrue(rule.log_write and rule.log_unlink and rule.capture_record)
                # auditlog's patched methods are in place on the registry's class
                self.assertTrue(hasattr(self.env.registry[rule.model_id.model], "auditlog_ruled_write"))

    def test_acting_change_shows_who_when_old_and_new(self):
        old_to, old_decree = self.acting.date_to, self.acting.decree_number
        new_to = old_to + datetime.timedelta(days=30)
        self.as_user(self.pemda_admin, self.acting).write({"date_to": new_to, "decree_number": "800/99/PLT/2026"})
        entry = self.trail(self.acting)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.user_id, self.pemda_admin)
        # when: the time of the transaction that made the change
        self.assertLess(abs(entry.create_date - self.env.cr.now()), datetime.timedelta(seconds=1))
        self.assertEqual(entry.name, self.acting.display_name[:64])  # auditlog keeps 64 characters of the name
        self.assertEqual(self.changes(entry), {
            "date_to": (str(old_to), str(new_to)),
            "decree_number": (old_decree, "800/99/PLT/2026"),
        })

    def test_acting_appointment_and_its_removal_are_recorded(self):
        acting = self.as_user(self.pemda_admin, self.env["eoffice.position.acting"]).create({
            "position_id": self.position.id, "kind": "plh",
            "employee_id": self.env.ref("eoffice_skpd.emp_skpd_kominfo_aptika_kasi").id,
            "date_from": "2030-01-01", "date_to": "2030-01-10", "decree_number": "800/1/PLH/2030"})
        created = self.trail(acting, "create")
        self.assertEqual(created.user_id, self.pemda_admin)
        self.assertEqual(self.changes(created)["decree_number"], (False, "800/1/PLH/2030"))
        acting_id = acting.id
        acting.unlink()
        removed = self.as_user(self.auditor, self.env["auditlog.log"]).search([
            ("model_model", "=", "eoffice.position.acting"), ("res_id", "=", acting_id), ("method", "=", "unlink")])
        self.assertEqual(removed.user_id, self.pemda_admin)
        # the deleted record is kept whole in the trail
        self.assertEqual(self.changes(removed)["decree_number"][0], "800/1/PLH/2030")

    def test_position_change_is_recorded(self):
        old = self.position.name
        self.as_user(self.pemda_admin, self.position).write({"name": "Kepala Dinas Kominfo (diubah)"})
        entry = self.trail(self.position)
        self.assertEqual(entry.user_id, self.pemda_admin)
        self.assertEqual(self.changes(entry)["name"], (old, "Kepala Dinas Kominfo (diubah)"))

    def test_workflow_write_under_sudo_is_recorded_with_the_real_user(self):
        """The suite's workflows write with sudo(); the trail names the user who acted, not the superuser."""
        self.as_user(self.pemda_admin, self.position).sudo().write({"name": "Kepala Dinas (sudo)"})
        entry = self.trail(self.position)
        self.assertEqual(entry.user_id, self.pemda_admin)
        self.assertEqual(self.changes(entry)["name"][1], "Kepala Dinas (sudo)")

    def test_group_change_of_a_user_is_recorded(self):
        staff = self.env.ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        agendaris = self.env.ref("eoffice_skpd.group_agendaris")
        self.assertNotIn(agendaris, staff.groups_id)
        self.as_user(self.admin, staff).write({"groups_id": [Command.link(agendaris.id)]})
        entry = self.trail(staff)
        self.assertEqual(entry.user_id, self.admin)
        old, new = self.changes(entry)["groups_id"]
        self.assertNotIn(agendaris.display_name, old)
        self.assertIn(agendaris.display_name, new)

    def test_a_new_user_is_recorded_once_and_intact(self):
        """Odoo writes a new user's groups inside its create: that write is not logged on its own (the
        create's entry holds the final values), and it leaves the new user's values intact."""
        user = self.as_user(self.admin, self.env["res.users"]).create({
            "name": "Pegawai Baru Audit", "login": "audit_new_user", "company_id": self.admin.company_id.id,
            "company_ids": [Command.set(self.admin.company_id.ids)],
            "groups_id": [Command.set([self.env.ref("eoffice_skpd.group_staff").id])]})
        self.assertEqual(user.name, "Pegawai Baru Audit")
        self.assertEqual(self.env["hr.employee"].create({"name": user.name, "user_id": user.id}).name,
                         "Pegawai Baru Audit")
        created = self.trail(user, "create")
        self.assertEqual(created.user_id, self.admin)
        changes = self.changes(created)
        self.assertEqual(changes["login"], (False, "audit_new_user"))
        self.assertIn(self.env.ref("eoffice_skpd.group_staff").display_name, changes["groups_id"][1])
        self.assertFalse(self.trail(user))
        # a write after the create is logged as usual
        user.write({"groups_id": [Command.link(self.env.ref("eoffice_skpd.group_agendaris").id)]})
        self.assertEqual(len(self.trail(user)), 1)

    def test_skpd_setting_change_is_recorded(self):
        kominfo = self.env.ref("eoffice_skpd.skpd_kominfo")
        self.as_user(self.admin, kominfo).write({"skpd_short_code": "KOMINFO-X"})
        entry = self.trail(kominfo)
        self.assertEqual(entry.user_id, self.admin)
        self.assertEqual(self.changes(entry)["skpd_short_code"][1], "KOMINFO-X")

    def test_price_item_change_is_recorded(self):
        manager = new_test_user(self.env, login="audit_budget_manager",
                                groups="base.group_user,eoffice_budget.group_budget_manager")
        item = self.env["eoffice.budget.price.item"].search([("standard_type", "=", "ssh")], limit=1)
        old = item.price
        self.as_user(manager, item).write({"price": old + 1000})
        entry = self.trail(item)
        self.assertEqual(entry.user_id, manager)
        self.assertEqual([float(value) for value in self.changes(entry)["price"]], [old, old + 1000])

    def test_secrets_and_files_stay_out_of_the_trail(self):
        fields = self.env["auditlog.rule"].get_auditlog_fields(self.env["eoffice.signing.certificate"])
        self.assertIn("serial", fields)
        self.assertNotIn("encrypted_key", fields)
        self.assertNotIn("letterhead_logo", self.env["auditlog.rule"].get_auditlog_fields(self.env["res.company"]))

    # ------------------------------------------------------------------ who reads it
    def test_auditor_reads_the_trail_and_staff_do_not(self):
        self.as_user(self.pemda_admin, self.position).write({"name": "Kepala Dinas (dibaca)"})
        entry = self.trail(self.position)
        self.assertTrue(entry.line_ids.read(["field_description", "old_value_text", "new_value_text"]))
        view = self.as_user(self.auditor, self.env["auditlog.log.line.view"]).search([("log_id", "=", entry.id)])
        self.assertEqual(view.mapped("field_name"), ["name"])
        staff = self.env.ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        for model in (*TRAIL, "auditlog.log.line.view"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.as_user(staff, self.env[model]).search([], limit=1)
        menu = self.env.ref("eoffice_audit.menu_audit_trail")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.auditor)._visible_menu_ids())
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(staff)._visible_menu_ids())
        self.assertEqual(menu.with_context(lang="id_ID").name, "Jejak Audit")
        # auditlog's own screens too (i18n_extra/id.po: its id.po translates 10 of its 92 terms)
        env = self.env(context={"lang": "id_ID"})
        self.assertEqual(env["auditlog.log"]._fields["line_ids"].get_description(env)["string"], "Isian yang diubah")
        self.assertEqual(env["auditlog.log.line"]._fields["old_value_text"].get_description(env)["string"],
                         "Nilai Lama (teks)")

    # ------------------------------------------------------------------ nobody changes it
    def test_nobody_changes_or_deletes_the_trail(self):
        self.as_user(self.pemda_admin, self.position).write({"name": "Kepala Dinas (terkunci)"})
        entry = self.trail(self.position)
        line = entry.line_ids
        before = (entry.read()[0], line.read()[0])
        for user in (self.auditor, self.pemda_admin, self.admin):
            for records in (entry, line):
                with self.subTest(user=user.login, model=records._name):
                    mine = self.as_user(user, records)
                    with self.assertRaisesRegex(UserError, "Jejak audit tidak dapat diubah"):
                        mine.write({"new_value_text": "dipalsukan"} if records is line else {"user_id": user.id})
                    with self.assertRaisesRegex(UserError, "Jejak audit tidak dapat diubah"):
                        mine.unlink()
            with self.subTest(user=user.login, model="create"), \
                    self.assertRaisesRegex(UserError, "hanya ditulis oleh sistem"):
                self.as_user(user, self.env["auditlog.log"]).create({
                    "model_id": entry.model_id.id, "res_id": self.position.id, "method": "write",
                    "user_id": self.auditor.id, "name": "Palsu"})
        # not even code running as superuser (a server action with sudo()) rewrites history
        with self.assertRaises(UserError):
            entry.sudo().write({"user_id": self.auditor.id})
        with self.assertRaises(UserError):
            entry.sudo().unlink()
        entry.invalidate_recordset()
        line.invalidate_recordset()
        self.assertEqual((entry.read()[0], line.read()[0]), before)

    def test_the_audit_rules_cannot_be_switched_off(self):
        rule = self.env.ref("eoffice_audit.auditlog_rule_position_acting")
        message = "Aturan audit Inspektorat tidak dapat diubah"
        for user in (self.admin, self.pemda_admin):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, message):
                    self.as_user(user, rule).unsubscribe()
                with self.assertRaisesRegex(UserError, message):
                    self.as_user(user, rule).write({"users_to_exclude_ids": [Command.link(user.id)]})
                with self.assertRaisesRegex(UserError, message):
                    self.as_user(user, rule).unlink()
        self.assertEqual(rule.state, "subscribed")
        # the refused unsubscribe did not unpatch the model in this worker either
        self.assertTrue(hasattr(self.env.registry["eoffice.position.acting"], "auditlog_ruled_write"))
        self.as_user(self.pemda_admin, self.acting).write({"decree_number": "800/2/PLT/2026"})
        self.assertTrue(self.trail(self.acting))

    def test_a_user_with_entries_is_archived_not_deleted(self):
        """Deleting a user would erase the "who" of their entries; the database refuses it (an RPC
        client gets Odoo's "another model requires the record being deleted")."""
        self.as_user(self.pemda_admin, self.position).write({"name": "Kepala Dinas (jejak)"})
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.pemda_admin.unlink()
        self.assertEqual(self.trail(self.position).user_id, self.pemda_admin)
