# Generates N campaign rows in campaigns.csv format (33 columns, CRLF), ids FIRST..FIRST+N-1,
# with the variety of a real agency's data: 400 companies, 2,000 campaign names, every category,
# six countries, dates over two years, some revenue. Deterministic (no random source).
# Usage: awk -v first=1 -v n=1000000 -f bench/gen-varied-rows.awk
BEGIN {
  split("Awareness Conversions Engagement Leads Sales", ty, " ");
  split("Facebook Google Instagram LinkedIn Pinterest YouTube", ch, " ");
  split("Carousel Image Story Text Video", fm, " ");
  split("Desktop Mobile Tablet", dv, " ");
  split("Australia Canada Germany India UK USA", co, " ");
  split("High_Intent New_Users Lookalike_Audience Cold_Audience Returning_Users", sg, " ");
  for (i = 0; i < n; i++) {
    id = first + i;
    h = (id * 2654435761) % 4294967296;            # a cheap hash spreads the values
    day = h % 730; y = 2023 + int(day / 365); doy = day % 365;
    m = 1 + int(doy / 31) % 12; d = 1 + doy % 28;
    impressions = 5000 + h % 90000; clicks = 10 + int(h / 8) % 3000; conv = int(h / 32) % 400;
    if (conv > clicks) conv = clicks;                   # the rules: conversions <= clicks <= impressions
    seg = sg[1 + int(h / 128) % 5]; gsub("_", " ", seg);
    revenue = (h % 4 == 0) ? sprintf("%d.%02d", int(h / 512) % 5000, h % 100) : "";
    printf "%d,Company %d,Campaign %d,%s,%s,%s,%d-%02d-%02d,%d,%d,%d,%d.%02d,%s,%s,%s,,,,,,,,,,,1,1,%s,,,%d,1,%d,\r\n", \
      id, h % 400, int(h / 16) % 2000, ty[1 + int(h / 4) % 5], ch[1 + int(h / 64) % 6], fm[1 + int(h / 256) % 5], y, m, d, \
      impressions, clicks, conv, 20 + int(h / 1024) % 2000, h % 100, dv[1 + int(h / 2048) % 3], co[1 + int(h / 4096) % 6], seg, \
      revenue, y, y;
  }
}
