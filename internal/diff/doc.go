// Package diff compares two trusted lists semantically — scheme
// information, TSPs and services added, removed or changed, status and
// certificate changes — for review (Markdown) and for machines (JSON). A
// change report is what a supervisory body approves before a release.
//
// # Matching
//
// TSPs are matched one to one by an official registration identifier in
// TSPTradeName (TS 119 612 clause 5.4.2; the VAT/NTR/PAS/IDC/PNO/TIN
// prefix, as EU DSS tells them), then the TSPs still unmatched by English
// TSPName. Services of a matched TSP are matched by certificate SHA-256
// and service type, then by certificate SHA-256 alone (a changed type),
// then by service type and English ServiceName (a new certificate shows
// as a certificate change, not as one service removed and one added). A
// service that moved to another TSP shows as removed there and added here.
//
// # What is left out
//
// TSLSequenceNumber, ListIssueDateTime, the date of NextUpdate and the root
// Id change with every release (clauses 5.3.2, 5.3.14, 5.3.15); they are
// shown in Report.Old and Report.New, not as changes. Closing a list (an
// empty NextUpdate) is a change. A status change moves the previous status
// into ServiceHistory (clause 5.6); that expected move is not repeated as a
// history change, but any other history edit is reported, because history
// is never removed or rewritten (clause 5.3.12, HistoricalInformationPeriod
// 65535).
//
// # JSON (version 1)
//
// json.Marshal of a Report gives this shape; fields marked "?" are left
// out when empty, the others are always present:
//
//	{
//	  "version": 1,
//	  "old": {"territory", "sequence"?, "id"?, "issue_time"?, "next_update"?},
//	  "new": {same},
//	  "summary": {"tsps_added", "tsps_removed", "tsps_changed",
//	              "services_added", "services_removed", "services_changed"},
//	  "scheme": [field change…],
//	  "tsps": [{
//	    "change": "added" | "removed" | "changed",
//	    "name", "id"?, "fields"?: [field change…],
//	    "services"?: [{
//	      "change", "name", "type",
//	      "status"?: {"from"?, "from_since"?, "to"?, "since"?},
//	      "certificates"?: {"old"?: [sha256…], "new"?: [sha256…]},
//	      "fields"?: [field change…]
//	    }]
//	  }],
//	  "files"?: [{"file", "change", "fields"?: [field change…]}]
//	}
//
// "files" is set by a build only: the files of a release beside the list
// that the sources determine (mra/JP-pointer.xml, mra/equivalences.json,
// each list of trusted entities as lote/FILE.json and lote/vocabulary.json),
// a field named by its path in the file. A list of trusted entities is
// compared without its sequence number and dates, each entity under its
// English name (LoTE.TrustedEntitiesList.NAME.…).
//
// A field change is {"field", "old"?, "new"?}: "field" names the TS 119 612
// element, with the language in brackets for multilingual values
// (SchemeName[ja]); a change of a value has both "old" and "new", a value
// added has only "new", a value removed only "old". Times are UTC in the
// clause 5.1.3 form (2026-07-01T00:00:00Z); status and type are full URIs;
// certificates are lowercase hex SHA-256 of the DER bytes. An added service
// has "to"/"since" and "new" certificates, a removed one "from"/"from_since"
// and "old" ones.
package diff
