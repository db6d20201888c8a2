# Generates N campaign rows in campaigns.csv format (33 columns, CRLF), ids FIRST..FIRST+N-1.
# Usage: awk -v first=1 -v n=1000000 -f bench/gen-rows.awk
BEGIN {
  split("Facebook Google Instagram LinkedIn Pinterest YouTube", ch, " ");
  split("Carousel Image Story Text Video", fm, " ");
  split("Australia Canada Germany India UK USA", co, " ");
  for (i = 0; i < n; i++) {
    id = first + i; d = 1 + (id % 28); m = 1 + (id % 12);
    printf "%d,Brand %d,Winter Deals,Sales,%s,%s,2024-%02d-%02d,%d,%d,%d,%d.%02d,Mobile,%s,New Users,,,,,,,,,,,1,1,,,,2024,1,2024,\r\n", \
      id, id % 49, ch[1 + id % 6], fm[1 + id % 5], m, d, 10000 + id % 5000, 100 + id % 900, id % 80, 50 + id % 900, id % 100, co[1 + id % 6];
  }
}
