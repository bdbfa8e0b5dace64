// Package registry reads the serial numbers that carbon-credit registries
// give retired credits: which credits a serial names, how many, what it says
// about them (project, country, vintage), whether that agrees with the entry
// that cites it, and which credits are claimed twice. It does no I/O.
//
// One credit is one tonne of CO2e. A serial names a block of credits: a
// namespace, the series the credits are numbered in, and an inclusive range
// START to END of credit numbers, so the block holds END − START + 1 credits.
// A serial that names no range (an Isometric retirement, an opaque id) names
// its credits whole; how many they are is the entry's tonnes.
//
// # Registries
//
// A Registry is written in lower case, as one of
//
//	verra  gold-standard  acr  car  puro  isometric  other
//
// ParseRegistry accepts any case and, for a name it does not know, suggests
// the closest: unknown registry "vera": did you mean verra?
//
// # Serials
//
// ParseSerial reads a serial for its registry. Surrounding spaces are
// ignored; inside, a serial is printable ASCII, and any other character is an
// error that names it by its code point (U+00A0), never shown raw. Letters are
// compared without regard to case: a namespace is kept in capitals, and a
// serial keeps the spelling it was written with. A serial that does not have
// its registry's shape is an error that gives the shape and an example, and,
// when the serial has another registry's shape, says which.
//
// verra, the Verified Carbon Standard:
//
//	BATCH-START-END-VCS-VCU-CODE-REG-CC-SCOPE-PROJECT-DDMMYYYY-DDMMYYYY-F
//	19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0
//
// is credits 941412555 to 941441125 (28,571 credits) of project 3005, in
// country CN, vintage 2022. BATCH is the issuance; CODE is a number the
// registry does not explain (it is not the methodology: public exports show
// one code with several methodologies, and one methodology with several
// codes); REG is the registry that issued the credits, VER for Verra's own
// and MER or APX for the registries it used before; SCOPE is the sectoral
// scope (14 is forestry and land use); F is 1 when the credits carry an
// additional certification or label and 0 when not. The two dates are the
// first and last day of the vintage period, and the vintage is the year of the
// last day, as data sets that total credits by vintage count it: most periods
// lie within one calendar year, but older ones do not (01072013-30062014 is
// vintage 2014). The older shape without VCS is accepted too:
//
//	BATCH-START-END-VCU-CODE-REG-CC-SCOPE-PROJECT-DDMMYYYY-DDMMYYYY-F
//	8040-449402275-449402275-VCU-042-MER-PE-14-1360-01072013-30062014-1
//
// Verra numbers its credits across the whole registry, not per project or
// batch (in public exports the numbers rise with the batch number through
// every project), so the namespace is the unit and the issuing registry,
// VCU-VER: two Verra serials overlap when their numbers do, whatever their
// other fields say.
//
// gold-standard:
//
//	GS1-1-CC-GSPROJECT-TYPE-YEAR-ISSUANCE-START-END
//	GS1-1-KE-GS11603-16-2025-30256-110-5463
//
// is credits 110 to 5463 (5,354 credits) of project GS11603, in country KE,
// vintage 2025. TYPE is the project type's number and ISSUANCE the issuance.
// Credit numbers start again at 1 in every issuance, so the namespace is
// everything before START: GS1-1-KE-GS11603-16-2025-30256.
//
// car, the Climate Action Reserve:
//
//	CAR-UNIT-CC-PROJECT-TYPE-DEVELOPER-ST-YEAR-BATCH-START to END
//	CAR-1-US-1335-31-983-KS-2025-9205-1 to 5000
//
// is credits 1 to 5000 (5,000 credits) of project 1335, in country US, state
// KS, vintage 2025. UNIT is 1 for Climate Reserve Tonnes or ROC for Registry
// Offset Credits; TYPE is the project type, which names the protocol the
// credits were quantified with and is read as the methodology (31 is nitric
// acid N2O, tertiary catalyst); DEVELOPER is the project developer's number.
// Numbers start again in every batch, so the namespace is everything before
// START.
//
// acr, the American Carbon Registry:
//
//	ACR-CC-PROJECT-YEAR-BATCH-START to END
//	ACR-FR-1129-2025-2917-30932 to 35143
//
// is credits 30932 to 35143 (4,212 credits) of project 1129, in country FR,
// vintage 2025. The namespace is everything before START.
//
// puro, for CO2 Removal Certificates:
//
//	PURO_PR_TYPE_CC_FACILITY_YEAR_ISSUANCE_START-END
//	PURO_PR_CORC100+_FI_577166_2020_055a3fbe-eabc-4535-b9cf-1028e7d18f89_1-100
//
// is certificates 1 to 100 (100 credits) of production facility 577166 (the
// project), in country FI, vintage 2020. TYPE is the credit type and ISSUANCE
// the issuance's id. Numbers start again at 1 in every issuance, so the
// namespace is everything before START. Older certificates are numbered with
// the facility's 18-digit GSRN followed by a 12-digit sequence
// (643002406555908611000000000001-643002406555908611000000000100): the GSRN
// joins the namespace and the sequence is the range.
//
// isometric names a retirement, not a range:
//
//	ret_ID
//	ret_1J9X4T7QK1S0M2PA
//
// ID is letters and digits. The credits retired are the entry's tonnes; the
// namespace is the id, and the same retirement cited twice is a double claim.
//
// other is any other registry, in one of two shapes. A prefix and a range,
// the shape CAR and ACR use and others share:
//
//	PREFIX-START to END
//	FCPF-CI-130-2023-20-1 to 46404
//
// whose namespace is PREFIX; or an opaque id of up to 100 letters, digits
// and . _ - : / + with no spaces, claimed whole like an Isometric retirement.
// Neither says anything about project, country or vintage.
//
// # Checking a serial against its entry
//
// Check compares what a serial says with the keys an entry gives and returns
// each disagreement in plain English, naming the key to fix: "the serial is
// for project 3005, but project_id says 3006". A project id is compared
// without the registry's prefix (VCS, GS, CAR, ACR, PURO) or leading zeros, so
// VCS3005, 3005 and 03005 are one project; a country without regard to case;
// a vintage as a year. CheckCredits compares the credits of an entry's blocks
// with its tonnes, which must be the same whole number.
//
// # Credits claimed twice
//
// Two claims overlap when their blocks are of the same registry, both ranges
// or both whole ids, in the same namespace, and their ranges share at least
// one credit. Overlaps reports every such pair, whether the claims are in two
// posts or one post cites a block twice, with the credits they share and how
// many: 1 to 5000 in one post and 4001 to 6000 in another share 4001 to 5000,
// 1,000 credits. Blocks that only touch (1 to 5000 and 5001 to 6000) do not
// overlap. It sorts the claims by namespace and start and sweeps them once,
// in O(n log n + k log k) time for n claims and k overlapping pairs, and reports the
// pairs in the order of their claims.
package registry
