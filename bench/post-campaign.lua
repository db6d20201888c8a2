-- wrk script: POST the worked example of SPEC §4 to /api/campaigns on every request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"campaign_company":"Amazon","campaign_name":"App Install Drive","campaign_type":"Leads","marketing_channel":"Google","ad_format":"Text","date":"2024-10-15","impressions":43432,"clicks":2890,"conversions":1794,"ad_spend":752.33,"device_type":"Mobile","country":"Australia","audience_segment":"High Intent"}'
