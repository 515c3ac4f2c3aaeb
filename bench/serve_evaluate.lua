-- wrk script for bench/serve_load.sh: POST /v1/evaluate with one installation (G1-ioc-30h of the
-- worked example: IOC, GroupID AA, GSME last heard 30 h before as_of). The token comes from the
-- environment (S1MIG_TOKEN), never from this file.
wrk.method = "POST"
wrk.path = "/v1/evaluate"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("S1MIG_TOKEN")
wrk.body = [[{"installation_id":"G1-ioc-30h","cohort":"IOC","group_id":"AA","meter_mode":"ACTIVE",
"elec_supplier":"SUP01","gas_supplier":"SUP02","mpan":"1020000123454","mprn":"1234567890",
"chf_id":"00-1A-2B-00-00-02-00-01","chf_model":"CHF-L","chf_fw":"1.4",
"esme_id":"00-1A-2B-00-00-02-00-02","esme_model":"ESME-L","esme_fw":"2.1",
"gsme_id":"00-1A-2B-00-00-02-00-03","gsme_model":"GSME-L","gsme_fw":"3.0",
"gpf_id":"00-1A-2B-00-00-02-00-04","gpf_model":"GPF-L","gpf_fw":"1.0",
"ihd_id":"","ihd_model":"","ihd_fw":"","ihd_upgradable":"",
"chf_whitelist":"00-1A-2B-00-00-02-00-02;00-1A-2B-00-00-02-00-03",
"gsme_last_comms":"2021-10-12T03:00:00Z","network_cert_id":"CERT-CADENT-1",
"as_of":"2021-10-13T09:00:00Z"}]]
