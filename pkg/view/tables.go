package view

// The per-district tables of the aggregate commands (summary, buildings,
// investment, jobs, leverage), declared once: each command draws its own,
// and the report (pkg/report, `parks report`) draws the last four, so a
// column added here shows in both.

// Summary is the per-district picture: facilities, area, buildings,
// jobs, investment and leverage.
var Summary = View{
	Title: "title.summary",
	Columns: []Column{
		MetricColumn("col.parks", "parks"),
		MetricColumn("col.sites", "sites"),
		MetricColumn("col.area_ha", "area_ha"),
		PairColumn("col.buildings", "buildings_built", "buildings_planned"),
		MetricColumn("col.under_construction", "buildings_under_construction"),
		PairColumn("col.jobs", "jobs_created", "jobs_planned"),
		MetricColumn("col.investment_total", "investment_total_kzt"),
		MetricColumn("col.leverage", "leverage"),
	},
}

// Buildings is the table of `parks buildings`.
var Buildings = View{
	Title: "title.buildings",
	Columns: []Column{
		MetricColumn("col.buildings_planned", "buildings_planned"),
		MetricColumn("col.buildings_built", "buildings_built"),
		MetricColumn("col.buildings_under_construction", "buildings_under_construction"),
		MetricColumn("col.buildings_not_started", "buildings_not_started"),
		MetricColumn("col.build_out_pct", "build_out_pct"),
	},
}

// Investment is the table of `parks investment`.
var Investment = View{
	Title: "title.investment",
	Columns: []Column{
		MetricColumn("col.investment_private", "investment_private_kzt"),
		MetricColumn("col.investment_budget", "investment_budget_kzt"),
		MetricColumn("col.investment_total", "investment_total_kzt"),
		MetricColumn("col.investment_per_ha", "investment_per_ha_kzt"),
		MetricColumn("col.import_substitution", "import_substitution_kzt"),
	},
}

// Jobs is the table of `parks jobs`.
var Jobs = View{
	Title: "title.jobs",
	Columns: []Column{
		MetricColumn("col.jobs_planned", "jobs_planned"),
		MetricColumn("col.jobs_created", "jobs_created"),
		MetricColumn("col.jobs_realisation_pct", "jobs_realisation_pct"),
		MetricColumn("col.jobs_per_ha", "jobs_per_ha"),
	},
}

// Leverage is the table of `parks leverage`.
var Leverage = View{
	Title: "title.leverage",
	Columns: []Column{
		MetricColumn("col.investment_private", "investment_private_kzt"),
		MetricColumn("col.investment_budget", "investment_budget_kzt"),
		MetricColumn("col.leverage", "leverage"),
	},
}
