# Generates N rows in the ORIGINAL tool's format: its header with stray spaces, 26 columns,
# dd-MM-yyyy dates, stale metric columns, a few odd spellings ("Instagram ", "Uk").
# Usage: awk -v n=1000000 -f bench/gen-original.awk > original.csv
BEGIN {
  printf " campaign_id,campaign_company,campaign_name,campaign_type,marketing_channel,ad_format,date,impressions,clicks,conversions,  ad_spend  ,device_type,country,audience_segment, cost_per_click , cost_per_mille ,ctr,conversion_rate,cpc_effectiveness_score,roi_score,click_to_conversion_ratio,quality_score,engagement_to_spend_ratio,cost_efficiency_index,week_number,month\r\n";
  split("Facebook Google Instagram_ LinkedIn Pinterest YouTube", ch, " ");
  split("Carousel Image Story Text Video", fm, " ");
  split("Australia Canada Germany India Uk USA", co, " ");
  split("Adidas Amazon Nike Zara Flipkart Myntra Uber Sony", cp, " ");
  for (id = 1; id <= n; id++) {
    c = ch[1 + id % 6]; sub(/_/, " ", c);
    printf "%d,%s,Winter Deals,Sales,%s,%s,%02d-%02d-2024,%d,%d,%d,%d.%02d,Mobile,%s,New Users,0.1,1.2,0.01,0.2,3.4,5.6,7.8,9.1,2.3,4.5,%02d,%d\r\n", \
      id, cp[1 + id % 8], c, fm[1 + id % 5], 1 + id % 28, 1 + id % 12, 10000 + id % 5000, 100 + id % 900, id % 80, \
      50 + id % 900, id % 100, co[1 + id % 6], 1 + id % 52, 1 + id % 12;
  }
}
