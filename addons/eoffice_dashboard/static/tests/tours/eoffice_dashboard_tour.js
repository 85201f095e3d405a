/** @odoo-module **/
// The Bupati logs in and lands on the Ruang Kendali: without touching the company switcher, the
// dashboard counts every SKPD (the absorption table lists several SKPD; with the Pemda alone
// selected it would be empty, the Pemda holding no DPA of its own).
import { registry } from "@web/core/registry";

/** The spreadsheet model of the dashboard on screen, found in the component tree. */
function dashboardModel() {
    const stack = [odoo.__WOWL_DEBUG__.root.__owl__];
    while (stack.length) {
        const node = stack.pop();
        const dashboard = node.component?.state?.activeDashboard;
        if (dashboard?.model) {
            return dashboard.model;
        }
        stack.push(...Object.values(node.children));
    }
}

function value(model, sheetName, col, row) {
    const sheetId = model.getters.getSheetIdByName(sheetName);
    return model.getters.getEvaluatedCell({ sheetId, col, row }).value;
}

/** Wait (up to a minute) until the data behind the dashboard is loaded, then return the model. */
async function loadedModel() {
    for (let attempt = 0; attempt < 300; attempt++) {
        const model = dashboardModel();
        if (model) {
            const budget = value(model, "Data", 1, 9);
            if (typeof budget === "number") {
                return model;
            }
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("The Ruang Kendali did not load its figures");
}

registry.category("web_tour.tours").add("eoffice_dashboard_tour", {
    steps: () => [
        {
            content: "The Bupati lands on the Ruang Kendali dashboard",
            trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet",
            timeout: 60000, // the spreadsheet library is a bundle of its own, loaded on demand
        },
        {
            content: "The dashboard is the Pemda's, in Indonesian",
            trigger: ".o_spreadsheet_dashboard_action .o_search_panel li.active:contains('Ikhtisar Pemda')",
        },
        {
            content: "The figures count every SKPD under the default company selection",
            trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet",
            async run() {
                const model = await loadedModel();
                const budget = value(model, "Data", 1, 9);
                if (!(budget > 0)) {
                    throw new Error(`No DPA counted: ${budget}`);
                }
                // the absorption table (PIVOT spill at G43): SKPD names down to "Total"
                const skpd = [];
                for (let row = 42; row < 42 + 80; row++) {
                    const name = value(model, "Dashboard", 6, row);
                    if (!name || name === "Total") {
                        break;
                    }
                    skpd.push(name);
                }
                if (skpd.length < 2) {
                    throw new Error(`The absorption table lists too few SKPD: ${JSON.stringify(skpd)}`);
                }
                const lettersIn = value(model, "Dashboard", 1, 42);
                if (typeof lettersIn !== "number") {
                    throw new Error(`The letters table is empty: ${lettersIn}`);
                }
                document.body.dataset.eofficeDashboardSkpd = skpd.length;
            },
        },
        {
            content: "Checked",
            trigger: "body[data-eoffice-dashboard-skpd]",
        },
    ],
});
