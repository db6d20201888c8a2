# Generates a Google Ads "Campaign report" CSV of N data rows, as the platform writes it: a title
# and a date-range line, the header, rows by day (each day: every campaign × device × country),
# numbers with thousands separators in quotes, then "Total:" lines. Every row is its own record.
# Usage: awk -v n=1000000 -f bench/gen-google-ads.awk > google.csv
function grouped(x,   s) { s = sprintf("%d", x); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); return s }
BEGIN {
  split("Computers|Mobile phones|Tablets", dev, "|");
  split("United States|United Kingdom|Germany|India|Canada|Australia", co, "|");
  split("Search|Performance Max|Display|Video|Shopping", ty, "|");
  printf "Campaign report\r\n\"January 1, 2024 - December 31, 2025\"\r\n";
  printf "Day,Account,Campaign,Campaign type,Device,Country/Territory (User location),Currency code,Impr.,Clicks,Cost,Conversions,Conv. value\r\n";
  rows = 0; impr = 0;
  for (day = 0; rows < n; day++) {
    t = 1704067200 + day * 86400; # 2024-01-01 UTC
    d = strftime("%Y-%m-%d", t, 1);
    for (c = 1; c <= 100 && rows < n; c++) {
      for (v = 1; v <= 3 && rows < n; v++) {
        for (k = 1; k <= 6 && rows < n; k++) {
          rows++;
          i = 1000 + (rows * 7919) % 90000; cl = 10 + (rows * 31) % (i / 20); cv = (rows % 40) / 4;
          printf "%s,Account %d,Campaign %03d%s,%s,%s,%s,USD,\"%s\",%d,%d.%02d,%.2f,\"%s.00\"\r\n", \
            d, 1 + c % 7, c, (c % 10 == 0 ? " - Remarketing" : ""), ty[1 + c % 5], dev[v], co[k], grouped(i), cl, \
            5 + rows % 400, rows % 100, cv, grouped((rows % 40) * 125);
          impr += i;
        }
      }
    }
  }
  printf "\r\nTotal: Account,,,,,,USD,\"%s\",,,,\r\n", grouped(impr);
}
