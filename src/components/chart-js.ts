// Chart.js with only what a bar chart needs registered (ADR 014): imported lazily by bar-chart.tsx, so only the screens that draw a chart pay for it.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend);

export { Chart };
