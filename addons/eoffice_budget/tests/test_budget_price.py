import base64
import time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..wizard.eoffice_budget_import import parse_amount
from .common import EofficeBudgetCase


@tagged("post_install", "-at_install")
class TestBudgetPrice(EofficeBudgetCase):
    def _import(self, content, year=None, check=False):
        wizard = self.env["eoffice.budget.import"].with_user(self.bpkad).create({
            "import_type": "price", "fiscal_year_id": (year or self.year).id,
            "file": base64.b64encode(content.encode()), "filename": "ssh.csv"})
        wizard.action_check() if check else wizard.action_import()
        return wizard

    def test_parse_amount(self):
        for text, value in (("55000", 55000), ("55.000", 55000), ("1.250.000", 1250000), ("55,000.50", 55000.5),
                            ("55.000,5", 55000.5), ("Rp 15.000", 15000), ("1,5", 1.5)):
            self.assertEqual(parse_amount(text), value, text)
        for text in ("", "abc", "-5", "1..2"):
            self.assertIsNone(parse_amount(text), text)

    def test_price_import_with_accounts_hspk_and_idempotence(self):
        content = "\n".join([
            "kode;nama;spesifikasi;satuan;harga;jenis;akun;komponen",
            "P.1;Kertas HVS;A4 70 gram;Rim;55.000;SSH;5.1.02.01.01.0024;",
            "P.2;Tinta;Botol 70 ml;Botol;95.000;ssh;5.1.02.01.01.0024 5.1.02.01.01.0052;",
            "P.3;Penggandaan;Per set;Set;0;HSPK;5.1.02.01.01.0024;P.1:0,5 P.2:0,1",
            "P.4;Uang Harian;Dalam kabupaten;OH;150000;SBU;5.1.02.01.01.0052;",
            ""])
        wizard = self._import(content)
        self.assertIn("Imported: 4 new, 0 updated, 0 unchanged", wizard.report)
        Item = self.env["eoffice.budget.price.item"]
        items = {item.code: item for item in Item.search([("fiscal_year_id", "=", self.year.id)])}
        self.assertEqual(items["P.1"].price, 55000)
        self.assertEqual(items["P.2"].account_ids, self.atk | self.meals)
        self.assertEqual(items["P.4"].standard_type, "sbu")
        hspk = items["P.3"]
        self.assertEqual(hspk.component_ids.component_id, items["P.1"] | items["P.2"])
        self.assertEqual(hspk.price, 0.5 * 55000 + 0.1 * 95000)
        # a new SSH price flows into the HSPK item
        items["P.1"].price = 60000
        self.assertEqual(hspk.price, 0.5 * 60000 + 0.1 * 95000)
        self.assertIn("Imported: 0 new, 1 updated, 3 unchanged", self._import(content).report)
        self.assertEqual(items["P.1"].price, 55000)
        self.assertIn("Imported: 0 new, 0 updated, 4 unchanged", self._import(content).report)

    def test_bad_price_rows_write_nothing(self):
        content = "\n".join([
            "kode,nama,satuan,harga,jenis,akun,komponen",
            "Q.1,Baik,Buah,1000,ssh,5.1.02.01.01.0024,",
            "Q.2,Harga salah,Buah,seribu,ssh,5.1.02.01.01.0024,",
            "Q.3,Jenis salah,Buah,1000,xyz,5.1.02.01.01.0024,",
            "Q.4,Akun salah,Buah,1000,ssh,5.1.02.01.01,",
            "Q.5,Tanpa akun,Buah,1000,ssh,,",
            "Q.6,Komponen salah,Set,0,hspk,5.1.02.01.01.0024,Z.9:1",
            "Q.1,Ganda,Buah,1000,ssh,5.1.02.01.01.0024,",
            ""])
        wizard = self._import(content, check=True)
        self.assertEqual(wizard.error_count, 6)
        for text in ("not an amount", "not one of SSH", "5.1.02.01.01 are not sub rincian objek", "no account",
                     "Z.9 are not SSH items", "already appears on row 2"):
            self.assertIn(text, wizard.report)
        with self.assertRaisesRegex(UserError, "Nothing was imported"):
            self._import(content)
        self.assertFalse(self.env["eoffice.budget.price.item"].search([("code", "like", "Q.")]))

    def test_import_of_many_items_is_batched(self):
        rows = ["kode,nama,satuan,harga,jenis,akun"]
        rows += [f"B.{i},Barang {i},Buah,{1000 + i},ssh,5.1.02.01.01.0024" for i in range(2000)]
        content = "\n".join(rows)
        start, queries = time.perf_counter(), self.env.cr.sql_log_count
        self._import(content)
        queries = self.env.cr.sql_log_count - queries
        self.assertEqual(self.env["eoffice.budget.price.item"].search_count([("code", "=like", "B.%")]), 2000)
        # batched: a handful of queries, not one per row (2,000+)
        self.assertLess(queries, 60, f"{queries} queries in {time.perf_counter() - start:.1f}s")

    def test_hspk_is_made_of_ssh_items_only(self):
        hspk = self.env["eoffice.budget.price.item"].create({
            "code": "H.1", "name": "Paket", "uom": "Set", "standard_type": "hspk", "fiscal_year_id": self.year.id,
            "component_ids": [(0, 0, {"component_id": self.paper.id, "quantity": 2})]})
        self.assertEqual(hspk.price, 100000)
        with self.assertRaisesRegex(ValidationError, "made of SSH items only"), self.env.cr.savepoint():
            hspk.component_ids = [(0, 0, {"component_id": hspk.id, "quantity": 1})]
        with self.assertRaisesRegex(ValidationError, "Only an HSPK item"), self.env.cr.savepoint():
            self.snack.component_ids = [(0, 0, {"component_id": self.paper.id, "quantity": 1})]

    def test_proposal_by_skpd_verified_by_tapd(self):
        Proposal = self.env["eoffice.budget.price.proposal"]
        proposal = self.as_user(self.operator_a, Proposal).create({
            "name": "Lisensi Tanda Tangan Elektronik", "uom": "Tahun", "price": 2_000_000,
            "fiscal_year_id": self.year.id, "account_ids": [(6, 0, self.atk.ids)],
            "justification": "Tiga penawaran penyedia terlampir."})
        self.as_user(self.operator_a, proposal).action_submit()
        # the SKPD cannot approve, nor price it, nor edit it once submitted
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.operator_a, proposal).action_approve()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.operator_a, proposal).write({"approved_price": 1})
        with self.assertRaisesRegex(UserError, "can no longer be changed"), self.env.cr.savepoint():
            self.as_user(self.operator_a, proposal).write({"price": 5_000_000})
        # SKPD B does not see it
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.operator_b, proposal).read(["name"])
        tapd = self.as_user(self.verifier, proposal)
        with self.assertRaisesRegex(UserError, "code"), self.env.cr.savepoint():
            tapd.action_approve()
        tapd.write({"code": "U.99", "approved_price": 2_500_000})
        with self.assertRaisesRegex(UserError, "above the proposed price"), self.env.cr.savepoint():
            tapd.action_approve()
        tapd.approved_price = 1_800_000
        tapd.action_approve()
        self.assertEqual(proposal.state, "approved")
        item = proposal.item_id
        self.assertEqual((item.code, item.price, item.account_ids, item.fiscal_year_id),
                         ("U.99", 1_800_000, self.atk, self.year))
        # the SKPD can now budget it, at most at the approved price
        _plan, activity = self.make_plan(volumes=())
        self.add_line(activity, 1, item=item)
        with self.assertRaisesRegex(ValidationError, "above its standard price"), self.env.cr.savepoint():
            self.add_line(activity, 1, item=item, price=2_000_000)

    def test_rejected_proposal_needs_a_reason(self):
        proposal = self.as_user(self.operator_a, self.env["eoffice.budget.price.proposal"]).create({
            "name": "Barang Mewah", "uom": "Unit", "price": 90_000_000, "fiscal_year_id": self.year.id,
            "account_ids": [(6, 0, self.atk.ids)], "justification": "-"})
        self.as_user(self.operator_a, proposal).action_submit()
        tapd = self.as_user(self.verifier, proposal)
        with self.assertRaisesRegex(UserError, "reason"), self.env.cr.savepoint():
            tapd.action_reject()
        tapd.reject_reason = "Tidak sesuai kebutuhan."
        tapd.action_reject()
        self.assertEqual((proposal.state, proposal.item_id.id), ("rejected", False))

    def test_only_bpkad_edits_the_price_standard(self):
        for user in (self.operator_a, self.verifier):
            with self.assertRaises(AccessError):
                self.paper.with_user(user).price = 1
        self.paper.with_user(self.bpkad).price = 52000
        self.assertEqual(self.paper.price, 52000)
