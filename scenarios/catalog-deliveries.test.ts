import { catalogSuite } from "./catalog-suite";

catalogSuite("deliveries");
